package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.ProblemStatus;
import io.kluis.storage.files.Usage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rule "recipient-lookups" (STO-2): an owner may look customers up by email address at most
 * {@value #PER_HOUR} times in a rolling hour. Looking up answers whether an address belongs to a
 * customer who can receive shares, so without a limit the lookup would let anyone with an account
 * test address lists. The lookups are counted in the database under the owner's lock, so the limit
 * holds however many requests arrive at once and on however many nodes; a row holds the owner's id
 * and the time only (never the address looked up) and is deleted after the hour (at the owner's
 * next lookup, or a day later).
 */
@Component
class RecipientLookups {

	static final int PER_HOUR = 30;

	private static final Duration WINDOW = Duration.ofHours(1);

	private static final Duration FORGET_AFTER = Duration.ofDays(1);

	/** Too many lookups: 429, with a message that names no address. */
	static final class TooManyLookups extends RuntimeException implements ProblemStatus {

		TooManyLookups() {
			super("Too many recipients looked up in the last hour (at most " + PER_HOUR + "). Try again later.");
		}

		@Override
		public int httpStatus() {
			return 429;
		}
	}

	private final JdbcClient jdbc;

	private final Usage usage;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RecipientLookups(JdbcClient jdbc, Usage usage, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.usage = usage;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Forgets the owner's lookups (erasure). */
	void forget(AccountId owner) {
		jdbc.sql("delete from storage_recipient_lookups where account_id = ?").param(owner.value()).update();
	}

	/** Counts one lookup by {@code owner}. @throws TooManyLookups once the hour's lookups are used up */
	void count(AccountId owner) {
		Instant now = clock.instant();
		Timestamp windowStart = Timestamp.from(now.minus(WINDOW));
		transactions.executeWithoutResult(tx -> {
			usage.lockCustomer(owner);
			jdbc.sql("delete from storage_recipient_lookups where account_id = ? and at <= ?")
				.params(owner.value(), windowStart)
				.update();
			// and what owners who did not come back left, a day on
			jdbc.sql("delete from storage_recipient_lookups where at <= ?").param(Timestamp.from(now.minus(FORGET_AFTER))).update();
			int recent = jdbc.sql("select count(*) from storage_recipient_lookups where account_id = ?")
				.param(owner.value())
				.query(Integer.class)
				.single();
			if (recent >= PER_HOUR) {
				throw new TooManyLookups();
			}
			jdbc.sql("insert into storage_recipient_lookups (account_id, at) values (?, ?)")
				.params(owner.value(), Timestamp.from(now))
				.update();
		});
	}
}
