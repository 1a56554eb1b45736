package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.ProblemStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The rule "recipient-lookups" (STO-2): an owner may look customers up by email address at most
 * {@value #PER_HOUR} times in a rolling hour. Looking up answers whether an address belongs to a
 * customer who can receive shares, so without a limit the lookup would let anyone with an account
 * test address lists. The count is kept per owner account (the key is an account id, never an
 * address), in this node's memory: a cluster allows that many per node, and a restart forgets it.
 */
@Component
class RecipientLookups {

	static final int PER_HOUR = 30;

	private static final Duration WINDOW = Duration.ofHours(1);

	/** Too many lookups: 429, with a message that names no address. */
	static final class TooManyLookups extends RuntimeException implements ProblemStatus {

		TooManyLookups() {
			super("Too many recipients looked up in the last hour. Try again later.");
		}

		@Override
		public int httpStatus() {
			return 429;
		}
	}

	private final Map<AccountId, Deque<Instant>> recent = new ConcurrentHashMap<>();

	private final Clock clock;

	RecipientLookups(Clock clock) {
		this.clock = clock;
	}

	/** Counts one lookup by {@code owner}. @throws TooManyLookups once the hour's lookups are used up */
	void count(AccountId owner) {
		Instant now = clock.instant();
		Deque<Instant> times = recent.computeIfAbsent(owner, k -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
				times.pollFirst();
			}
			if (times.size() >= PER_HOUR) {
				throw new TooManyLookups();
			}
			times.addLast(now);
		}
	}
}
