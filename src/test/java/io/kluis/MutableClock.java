package io.kluis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so backoff, throttling and retention are tested without sleeping.
 * Provide it as the {@code @Primary} {@link Clock} bean of a test configuration.
 */
public final class MutableClock extends Clock {

	private final Instant start;

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.start = start;
		this.now = start;
	}

	/** Back to the instant the clock started at, e.g. before each test of a class that moves it. */
	public void reset() {
		now = start;
	}

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	public void set(Instant instant) {
		now = instant;
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (ZoneOffset.UTC.equals(zone)) {
			return this;
		}
		throw new UnsupportedOperationException("the test clock is UTC");
	}
}
