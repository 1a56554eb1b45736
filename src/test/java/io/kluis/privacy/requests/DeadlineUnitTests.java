package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeadlineUnitTests {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Test
	@DisplayName("RIG-7: one calendar month in the provider's time zone, also at the end of a month and across daylight saving time")
	void oneCalendarMonth() {
		Instant jan31 = ZonedDateTime.of(2027, 1, 31, 10, 0, 0, 0, AMSTERDAM).toInstant();
		assertThat(Deadline.startingAt(jan31, AMSTERDAM).due())
			.isEqualTo(ZonedDateTime.of(2027, 2, 28, 10, 0, 0, 0, AMSTERDAM).toInstant());
		Instant march10 = ZonedDateTime.of(2027, 3, 10, 10, 0, 0, 0, AMSTERDAM).toInstant();
		assertThat(Deadline.startingAt(march10, AMSTERDAM).due())
			.isEqualTo(ZonedDateTime.of(2027, 4, 10, 10, 0, 0, 0, AMSTERDAM).toInstant());
	}

	@Test
	@DisplayName("RIG-7: extensions total at most two months, only within the first month")
	void extensionRules() {
		Instant confirmed = ZonedDateTime.of(2027, 5, 3, 9, 0, 0, 0, AMSTERDAM).toInstant();
		Deadline deadline = Deadline.startingAt(confirmed, AMSTERDAM);
		Deadline once = deadline.extendBy(1, confirmed.plus(Duration.ofDays(10)), AMSTERDAM);
		Deadline twice = once.extendBy(1, confirmed.plus(Duration.ofDays(11)), AMSTERDAM);
		assertThat(twice.due()).isEqualTo(ZonedDateTime.of(2027, 8, 3, 9, 0, 0, 0, AMSTERDAM).toInstant());
		assertThat(twice.originalDue()).isEqualTo(deadline.due());
		assertThatThrownBy(() -> twice.extendBy(1, confirmed.plus(Duration.ofDays(12)), AMSTERDAM))
			.isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.code()).isEqualTo("extension-too-long"));
		assertThatThrownBy(() -> deadline.extendBy(3, confirmed, AMSTERDAM)).isInstanceOf(RequestRefused.class);
		assertThatThrownBy(() -> deadline.extendBy(0, confirmed, AMSTERDAM)).isInstanceOf(RequestRefused.class);
		assertThatThrownBy(() -> once.extendBy(1, deadline.due(), AMSTERDAM))
			.isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.code()).isEqualTo("extension-too-late"));
	}

	@Test
	@DisplayName("RIG-7: a four-week register deadline is 28 days, and an extension adds whole months to it")
	void fourWeeks() {
		Instant start = ZonedDateTime.of(2027, 2, 1, 0, 0, 0, 0, AMSTERDAM).toInstant();
		Deadline deadline = Deadline.startingAt(start, AMSTERDAM, java.time.Period.ofWeeks(4));
		assertThat(deadline.due()).isEqualTo(ZonedDateTime.of(2027, 3, 1, 0, 0, 0, 0, AMSTERDAM).toInstant());
		assertThat(deadline.extendBy(2, start.plus(Duration.ofDays(3)), AMSTERDAM).due())
			.isEqualTo(ZonedDateTime.of(2027, 4, 29, 0, 0, 0, 0, AMSTERDAM).toInstant());
		assertThatThrownBy(() -> deadline.extendBy(1, deadline.due(), AMSTERDAM)).isInstanceOf(RequestRefused.class);
	}

	@Test
	@DisplayName("RIG-7: with the default month an extension counts from the start, as before (31 January + 3 months = 30 April)")
	void monthExtensionsCountFromTheStart() {
		Instant jan31 = ZonedDateTime.of(2027, 1, 31, 10, 0, 0, 0, AMSTERDAM).toInstant();
		Deadline deadline = Deadline.startingAt(jan31, AMSTERDAM, java.time.Period.ofMonths(1));
		assertThat(deadline).isEqualTo(Deadline.startingAt(jan31, AMSTERDAM));
		assertThat(deadline.extendBy(2, jan31, AMSTERDAM).due())
			.isEqualTo(ZonedDateTime.of(2027, 4, 30, 10, 0, 0, 0, AMSTERDAM).toInstant());
	}

	@Test
	@DisplayName("RIG-7: the most urgent reminder whose moment has come")
	void reminderStages() {
		Deadline deadline = Deadline.startingAt(Instant.parse("2027-01-10T12:00:00Z"), AMSTERDAM);
		Instant due = deadline.due();
		assertThat(deadline.reminderAt(due.minus(Duration.ofDays(8)))).isEmpty();
		assertThat(deadline.reminderAt(due.minus(Duration.ofDays(7)))).contains(ReminderStage.DAYS_7);
		assertThat(deadline.reminderAt(due.minus(Duration.ofDays(3)))).contains(ReminderStage.DAYS_7);
		assertThat(deadline.reminderAt(due.minus(Duration.ofDays(2)))).contains(ReminderStage.DAYS_2);
		assertThat(deadline.reminderAt(due)).contains(ReminderStage.OVERDUE);
		assertThat(deadline.isOverdue(due.minusMillis(1))).isFalse();
	}
}
