package io.kluis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one test clock configuration: {@code @Import(TestClock.class)} makes a {@link MutableClock} the
 * context's {@code @Primary} {@link Clock}, starting when the context starts (to the millisecond),
 * moved by {@link #OFFSET} when set, e.g. {@code @TestPropertySource(properties = TestClock.OFFSET +
 * "=-12h")} for a clock that starts hours in the past so that what it writes never lies in the future
 * of other tests sharing the database.
 *
 * <p>Test classes with the same configuration share one context, and so one clock: a class that moves
 * the clock and must not share it also carries {@code @DirtiesContext}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

	/** Where the clock starts relative to the context's start, as a duration ({@code -6h}, {@code 366d}). */
	public static final String OFFSET = "kluis.test.clock.offset";

	@Bean
	@Primary
	MutableClock testClock(@Value("${" + OFFSET + ":0s}") Duration offset) {
		return new MutableClock(Instant.now().plus(offset).truncatedTo(ChronoUnit.MILLIS));
	}
}
