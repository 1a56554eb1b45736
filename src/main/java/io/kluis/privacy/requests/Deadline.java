package io.kluis.privacy.requests;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The deadline clock of a request in the queue (AVG art. 12(3), RIG-7): one period from the moment
 * the clock started, in the provider's time zone. The period is the register's
 * {@code requests.deadline}: one calendar month by default, or up to four weeks for a provider who
 * promises that. The clock starts at the confirmation of a web-form request, or at the arrival of a
 * request that staff entered (received by email, letter or phone). It is extendable once or twice by in total at most two further
 * months, but only while the first month runs, and only with a reason that the requester is told at
 * once. The clock starts at confirmation because only then is it known that the request comes from
 * the person whose data it is (the form itself proves nothing).
 *
 * @param confirmedAt when the clock started: the requester used the confirmation link, or (entered by
 *        staff) the start of the day the request arrived
 * @param originalDue confirmedAt + period
 * @param due the current due date (after any extension)
 * @param extensionMonths 0, 1 or 2
 * @param period the period the clock was started with (kept, so a later change of the register does
 *        not move the due date of a running request)
 */
public record Deadline(Instant confirmedAt, Instant originalDue, Instant due, int extensionMonths, Period period) {

	/** Art. 12(3): "by two further months where necessary". */
	public static final int MAX_EXTENSION_MONTHS = 2;

	/** A deadline of one calendar month, as stored before the period was configurable. */
	public Deadline(Instant confirmedAt, Instant originalDue, Instant due, int extensionMonths) {
		this(confirmedAt, originalDue, due, extensionMonths, Period.ofMonths(1));
	}

	/** One calendar month from the start. */
	public static Deadline startingAt(Instant confirmedAt, ZoneId zone) {
		return startingAt(confirmedAt, zone, Period.ofMonths(1));
	}

	public static Deadline startingAt(Instant startedAt, ZoneId zone, Period period) {
		Instant due = startedAt.atZone(zone).plus(period).toInstant();
		return new Deadline(startedAt, due, due, 0, period);
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
		// period + total months in one step: for P1M this is start + (1 + total) months, as ever
		return new Deadline(confirmedAt, originalDue, confirmedAt.atZone(zone).plus(period.plusMonths(total)).toInstant(),
				total, period);
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
