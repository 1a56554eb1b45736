package io.kluis.notifications;

import io.kluis.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application clock of the notifications integration tests, which also run with scheduling off
 * ({@code kluis.jobs.enabled=false}), so only the test's own {@code flush()} sends.
 *
 * <p>The clock starts a year ahead: on PostgreSQL all test contexts share one database, and another
 * context's scheduled dispatcher (real time) then never finds these tests' mails due and cannot
 * take them away.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NotificationsTestConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(Instant.now().plus(Duration.ofDays(366)).truncatedTo(ChronoUnit.MILLIS));
	}
}
