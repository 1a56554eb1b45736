package io.kluis.privacy.rights;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The threads that build exports, off the request thread. Deliberately not an {@code Executor} bean:
 * one would make Boot's application task executor back off, and asynchronous event listeners would run
 * on the scheduler's single thread behind every job (it did, until {@code AsyncExecutorIntegrationTests}).
 * Two builds at a time; further requests queue.
 */
@Component
class ExportWorkers implements DisposableBean {

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

	/** Runs {@code task} on an export thread when one is free. */
	void submit(Runnable task) {
		executor.execute(task);
	}

	@Override
	public void destroy() {
		executor.shutdown();
	}
}
