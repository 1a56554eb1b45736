package io.kluis.privacy.requests;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The deadline clock of a confirmed request (AVG art. 12(3), RIG-7): one calendar month from the
 * confirmation, in the provider's time zone; extendable once or twice by in total at most two further
 * months, but only while the first month runs, and only with a reason that the requester is told at
 * once. The clock starts at confirmation because only then is it known that the request comes from
 * the person whose data it is (the form itself proves nothing).
 *
 * @param confirmedAt when the requester used the confirmation link
 * @param originalDue confirmed + 1 calendar month
 * @param due the current due date (after any extension)
 * @param extensionMonths 0, 1 or 2
 */
public record Deadline(Instant confirmedAt, Instant originalDue, Instant due, int extensionMonths) {

	/** Art. 12(3): "by two further months where necessary". */
	public static final int MAX_EXTENSION_MONTHS = 2;

	public static Deadline startingAt(Instant confirmedAt, ZoneId zone) {
		Instant due = confirmedAt.atZone(zone).plusMonths(1).toInstant();
		return new Deadline(confirmedAt, due, due, 0);
	}

	/**
	 * @throws RequestRefused {@code extension-too-late} after the first month, {@code extension-too-long}
	 *         beyond two months in total
	 */
	public Deadline extendBy(int months, Instant now, ZoneId zone) {
		if (!now.isBefore(originalDue)) {
			throw new RequestRefused("extension-too-late");
		}
		if (months < 1 || extensionMonths + months > MAX_EXTENSION_MONTHS) {
			throw new RequestRefused("extension-too-long");
		}
		int total = extensionMonths + months;
		return new Deadline(confirmedAt, originalDue, confirmedAt.atZone(zone).plusMonths(1 + total).toInstant(), total);
	}

	public boolean isExtended() {
		return extensionMonths > 0;
	}

	public boolean isOverdue(Instant now) {
		return !now.isBefore(due);
	}

	/** The most urgent reminder whose moment has come, if any. */
	public Optional<ReminderStage> reminderAt(Instant now) {
		for (ReminderStage stage : new ReminderStage[] { ReminderStage.OVERDUE, ReminderStage.DAYS_2, ReminderStage.DAYS_7 }) {
			if (!now.isBefore(due.minus(stage.before()))) {
				return Optional.of(stage);
			}
		}
		return Optional.empty();
	}
}
