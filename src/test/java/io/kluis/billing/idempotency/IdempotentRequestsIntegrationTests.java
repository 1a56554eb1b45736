package io.kluis.billing.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link IdempotentRequests#onceCallingOut}: the action (a payment provider's call) runs outside any
 * transaction, so a request waiting for the network holds no pooled connection; a failed action
 * releases its claim, an answered one replays.
 */
@KluisIntegrationTest
class IdempotentRequestsIntegrationTests {

	@Autowired
	IdempotentRequests requests;

	private final AccountId account = new AccountId(UUID.randomUUID());

	@Test
	@DisplayName("An action that calls out runs outside a transaction (no connection held while it waits)")
	void theActionRunsOutsideATransaction() {
		boolean[] inTransaction = new boolean[1];
		UUID made = UUID.randomUUID();
		UUID answer = requests.onceCallingOut(account, "test-call", "key-" + UUID.randomUUID(), "request", () -> {
			inTransaction[0] = TransactionSynchronizationManager.isActualTransactionActive();
			return made;
		}, id -> id, id -> id);
		assertThat(answer).isEqualTo(made);
		assertThat(inTransaction[0]).isFalse();
	}

	@Test
	@DisplayName("A failed action releases the key: the retry acts again; an answered key replays; another request with it is refused")
	void failureReleasesAnswerReplays() {
		String key = "key-" + UUID.randomUUID();
		AtomicInteger calls = new AtomicInteger();
		assertThatThrownBy(() -> requests.onceCallingOut(account, "test-call", key, "request", () -> {
			calls.incrementAndGet();
			throw new IllegalStateException("provider down");
		}, (UUID id) -> id, id -> id)).isInstanceOf(IllegalStateException.class);

		UUID made = UUID.randomUUID();
		UUID first = requests.onceCallingOut(account, "test-call", key, "request", () -> {
			calls.incrementAndGet();
			return made;
		}, id -> id, id -> id);
		UUID replayed = requests.onceCallingOut(account, "test-call", key, "request", () -> {
			calls.incrementAndGet();
			return UUID.randomUUID();
		}, id -> id, id -> id);

		assertThat(first).isEqualTo(made);
		assertThat(replayed).as("the first answer, not a new action").isEqualTo(made);
		assertThat(calls).hasValue(2);
		assertThatThrownBy(() -> requests.onceCallingOut(account, "test-call", key, "another request",
				UUID::randomUUID, id -> id, id -> id)).isInstanceOf(IdempotencyKeyReused.class);
	}
}
