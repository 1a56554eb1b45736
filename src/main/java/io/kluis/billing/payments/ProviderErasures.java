package io.kluis.billing.payments;

import io.kluis.shared.jobs.Jobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an erasure must still tell the payment provider: delete the account's customer there, which
 * revokes its mandates ({@code billing_provider_erasures}). The erasure queues the customer in its
 * own transaction and the provider is called only after that committed: a rolled-back erasure tells
 * the provider nothing, and a slow or failing provider neither holds database locks nor undoes the
 * erasure. A failed call is retried with growing delays (1 minute doubling up to 6 hours) by a job
 * on one node at a time, until the provider confirms (an unknown customer counts as deleted).
 */
@Component
class ProviderErasures {

	static final String JOB = "billing.provider-erasures";

	static final String EVENT_FAILED = "BILLING_MANDATE_REVOKE_FAILED";

	static final String EVENT_DONE = "BILLING_MANDATE_REVOKED";

	static final Duration FIRST_RETRY = Duration.ofMinutes(1);

	static final Duration LONGEST_RETRY = Duration.ofHours(6);

	private static final Logger log = LoggerFactory.getLogger(ProviderErasures.class);

	/** One queued deletion. */
	record Pending(UUID id, String provider, String customerId, int attempts) {
	}

	private final JdbcClient jdbc;

	private final PaymentProvider provider;

	private final Jobs jobs;

	private final Clock clock;

	private final TransactionTemplate separately;

	ProviderErasures(JdbcClient jdbc, PaymentProvider provider, Jobs jobs, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.provider = provider;
		this.jobs = jobs;
		this.clock = clock;
		this.separately = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Queues the deletion of a provider customer in the caller's transaction, and tries it once that
	 * transaction committed (at once when there is none).
	 */
	void queue(String providerName, String customerId) {
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		jdbc.sql("insert into billing_provider_erasures (id, provider, provider_customer_id, attempts, next_attempt_at, "
				+ "created_at) values (?, ?, ?, 0, ?, ?)")
			.params(id, providerName, customerId, Timestamp.from(now), Timestamp.from(now))
			.update();
		var pending = new Pending(id, providerName, customerId, 0);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					attempt(pending);
				}
			});
		}
		else {
			attempt(pending);
		}
	}

	/** Retries what is due; returns how many deletions the provider confirmed. */
	int retryDue() {
		List<Pending> due = jdbc.sql("select id, provider, provider_customer_id, attempts from billing_provider_erasures "
				+ "where next_attempt_at <= ? order by next_attempt_at fetch first 100 rows only")
			.param(Timestamp.from(clock.instant()))
			.query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
		int done = 0;
		for (Pending pending : due) {
			if (attempt(pending)) {
				done++;
			}
		}
		return done;
	}

	/** The queued deletions not yet confirmed (for staff and tests). */
	int pending() {
		return jdbc.sql("select count(*) from billing_provider_erasures").query(Integer.class).single();
	}

	@Scheduled(fixedDelay = 300_000, initialDelay = 90_000)
	void scheduled() {
		jobs.once(JOB, Duration.ofMinutes(10), this::retryDue);
	}

	/**
	 * Calls the provider; on success forgets the row, on failure schedules the next attempt. A row of
	 * another provider (the configuration changed) waits for that provider's configuration to return.
	 */
	private boolean attempt(Pending pending) {
		if (!pending.provider().equals(provider.name())) {
			reschedule(pending);
			return false;
		}
		try {
			provider.deleteCustomer(pending.customerId());
		}
		catch (PaymentProviderException e) {
			Duration delay = reschedule(pending);
			// Ids only: the queue row, never the customer or the account.
			log.warn("{} erasure={} provider={} status={} attempt={} retryIn={}", EVENT_FAILED, pending.id(),
					pending.provider(), e.status(), pending.attempts() + 1, delay);
			return false;
		}
		separately.executeWithoutResult(
				tx -> jdbc.sql("delete from billing_provider_erasures where id = ?").param(pending.id()).update());
		log.info("{} erasure={} provider={}", EVENT_DONE, pending.id(), pending.provider());
		return true;
	}

	private Duration reschedule(Pending pending) {
		int attempts = pending.attempts() + 1;
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
		if (delay.compareTo(LONGEST_RETRY) > 0) {
			delay = LONGEST_RETRY;
		}
		Instant next = clock.instant().plus(delay);
		separately.executeWithoutResult(tx -> jdbc.sql("update billing_provider_erasures set attempts = ?, "
				+ "next_attempt_at = ? where id = ?")
			.params(attempts, Timestamp.from(next), pending.id())
			.update());
		return delay;
	}
}
