package io.kluis.identity.account;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Password-reset requests from the web: handled off the request thread, so the answer comes as fast
 * for an unknown address as for a known one (the look-up, the token and the mail take time only
 * for a known one). A bounded queue; beyond it requests are dropped (a flood of reset requests
 * gets the same answer and no mail).
 */
@Component
public class ResetRequests {

	private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);

	private final PasswordManagement passwords;

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), runnable -> {
				var thread = new Thread(runnable, "password-reset-requests");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	ResetRequests(PasswordManagement passwords) {
		this.passwords = passwords;
	}

	/** Queues the request and returns at once, whatever the address. */
	public void submit(String email) {
		executor.execute(() -> {
			try {
				passwords.requestReset(email);
			}
			catch (RuntimeException e) {
				log.warn("event=identity.password.reset-request-failed type={}", e.getClass().getName());
			}
		});
	}

	@PreDestroy
	void stop() {
		executor.shutdown();
	}
}
