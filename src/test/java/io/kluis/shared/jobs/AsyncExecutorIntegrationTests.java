package io.kluis.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Asynchronous event listeners ({@code @ApplicationModuleListener}: the invoice after an order, the
 * audit recorder, mails) run on Boot's application task executor. A module that declares an
 * {@link Executor} bean of its own makes that executor back off, and then every listener ran on the
 * scheduler's single thread, queued behind every scheduled job (an invoice waited more than 10 s).
 */
@KluisIntegrationTest
class AsyncExecutorIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Test
	@DisplayName("No module declares an Executor bean: the application task executor and the scheduler are the only ones")
	void onlyBootsExecutors() {
		assertThat(context.getBeanNamesForType(Executor.class)).containsExactlyInAnyOrder("applicationTaskExecutor",
				"taskScheduler");
		assertThat(context.getBean("taskScheduler")).isInstanceOf(ThreadPoolTaskScheduler.class);
	}

	@Test
	@DisplayName("Asynchronous listeners run on the application task executor, not on the scheduler")
	void asyncUsesTheApplicationTaskExecutor() {
		var configurers = context.getBeansOfType(AsyncConfigurer.class).values();
		assertThat(configurers).singleElement()
			.extracting(AsyncConfigurer::getAsyncExecutor)
			.isSameAs(context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
	}
}
