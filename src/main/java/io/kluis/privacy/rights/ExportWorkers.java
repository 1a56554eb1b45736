package io.kluis.privacy.rights;

import java.util.concurrent.Executor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The threads that build exports, off the request thread. Deliberately not an {@code Executor} bean:
 * one would replace Boot's application task executor, which asynchronous event listeners use.
 * Two builds at a time; further requests queue.
 */
@Component
class ExportWorkers implements Executor, DisposableBean {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	ExportWorkers() {
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(1000);
		executor.setThreadNamePrefix("privacy-export-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		executor.initialize();
	}

	@Override
	public void execute(Runnable task) {
		executor.execute(task);
	}

	@Override
	public void destroy() {
		executor.shutdown();
	}
}
