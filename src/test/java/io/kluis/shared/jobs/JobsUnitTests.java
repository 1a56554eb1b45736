package io.kluis.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class JobsUnitTests {

	static final LockProvider FREE = configuration -> Optional.of(() -> {
	});

	@Test
	void jobsRunUnlessTheSwitchIsOff() {
		assertThat(Jobs.enabled(new MockEnvironment())).isTrue();
		assertThat(Jobs.enabled(new MockEnvironment().withProperty("kluis.jobs.enabled", "false"))).isFalse();
	}

	@Test
	void theSwitchsFormerNameIsStillHonouredAndTheNewOneWins() {
		assertThat(Jobs.enabled(new MockEnvironment().withProperty("kluis.scheduling.enabled", "false"))).isFalse();
		assertThat(Jobs.enabled(new MockEnvironment().withProperty("kluis.scheduling.enabled", "false")
			.withProperty("kluis.jobs.enabled", "true"))).isTrue();
	}

	@Test
	void withTheSwitchOffNoScheduledWorkRunsOnAnyPath() {
		var jobs = new Jobs(FREE, new MockEnvironment().withProperty("kluis.jobs.enabled", "false"));
		var ran = new AtomicInteger();
		assertThat(jobs.once("test", java.time.Duration.ofMinutes(1), ran::incrementAndGet)).isFalse();
		assertThat(jobs.run("test", ran::incrementAndGet)).isFalse();
		assertThat(ran).hasValue(0);
		assertThat(jobs.tryAcquire("test", java.time.Duration.ofMinutes(1))).as("manual runs still lock").isPresent();
	}

	@Test
	void aFailureOfOneRunIsContainedSoTheNextRunTriesAgain() {
		var jobs = new Jobs(FREE, new MockEnvironment());
		assertThat(jobs.run("test", () -> {
			throw new IllegalStateException("database down");
		})).isFalse();
		assertThat(jobs.run("test", () -> {
		})).isTrue();
	}
}
