package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsPropertiesUnitTests {

	static NotificationsProperties defaults() {
		return new NotificationsProperties("Kluis <no-reply@localhost>", Duration.ofSeconds(2), 20, 6,
				List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
						Duration.ofHours(12)),
				Duration.ofMinutes(5));
	}

	@Test
	void backoffGrowsPerFailedAttemptAndRepeatsItsLastStep() {
		var properties = defaults();

		assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofHours(2));
		assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofHours(12));
		assertThat(properties.backoffAfter(9)).isEqualTo(Duration.ofHours(12));
	}

	@Test
	void nonsenseSettingsStopTheApplication() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NotificationsProperties("x", Duration.ofSeconds(2), 0,
				6, List.of(Duration.ofMinutes(1)), Duration.ofMinutes(5)));
		assertThatIllegalArgumentException().isThrownBy(() -> new NotificationsProperties("x", Duration.ofSeconds(2), 20,
				6, List.of(), Duration.ofMinutes(5)));
	}
}
