package io.kluis.notifications.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.notifications.*}. SMTP itself is configured with Spring's {@code spring.mail.*}; without
 * {@code spring.mail.host}, mail goes to the local mail viewer at {@code /admin/mail}.
 *
 * @param from the From header, e.g. {@code Hosting BV <no-reply@hosting.example>}
 * @param dispatchInterval pause between two runs of the dispatcher (read by its schedule)
 * @param batchSize mails one node claims at a time
 * @param maxAttempts delivery attempts before a mail is marked FAILED
 * @param backoff wait after the 1st, 2nd, … failed attempt; the last entry repeats
 * @param lease how long a claimed mail stays with one node; after that a crashed node's claim
 *        is taken over (a mail may then be sent twice, with the same Message-ID)
 */
@ConfigurationProperties("kluis.notifications")
record NotificationsProperties(@DefaultValue("Kluis <no-reply@localhost>") String from,
		@DefaultValue("2s") Duration dispatchInterval, @DefaultValue("20") int batchSize,
		@DefaultValue("6") int maxAttempts, @DefaultValue({ "1m", "5m", "30m", "2h", "12h" }) List<Duration> backoff,
		@DefaultValue("5m") Duration lease) {

	NotificationsProperties {
		if (batchSize < 1 || maxAttempts < 1 || backoff.isEmpty() || lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException(
					"kluis.notifications: batch-size and max-attempts must be positive, backoff non-empty, lease positive");
		}
		backoff = List.copyOf(backoff);
	}

	/** How long to wait after the given number of failed attempts (1 = the first attempt failed). */
	Duration backoffAfter(int failedAttempts) {
		return backoff.get(Math.max(0, Math.min(failedAttempts, backoff.size()) - 1));
	}
}
