package io.kluis.identity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.shared.web.BusyException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HashingGateUnitTests {

	@Test
	@DisplayName("issue 8: hashes beyond the permits wait in a bounded queue; beyond the queue the answer is busy (503)")
	void hashesBeyondPermitsAndQueueAreRefused() throws Exception {
		var gate = new HashingGate(1, 1);
		var running = new CountDownLatch(1);
		var release = new CountDownLatch(1);
		var first = CompletableFuture.supplyAsync(() -> gate.run(() -> {
			running.countDown();
			await(release);
			return "first";
		}));
		running.await();
		var second = CompletableFuture.supplyAsync(() -> gate.run(() -> "second"));
		Thread.sleep(200);

		assertThatThrownBy(() -> gate.run(() -> "third")).isInstanceOf(BusyException.class)
			.satisfies(e -> assertThat(((BusyException) e).retryAfter()).isPositive());
		release.countDown();
		assertThat(first.get()).isEqualTo("first");
		assertThat(second.get()).as("the queued one runs once a permit is free").isEqualTo("second");
		assertThat(gate.run(() -> "later")).isEqualTo("later");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
