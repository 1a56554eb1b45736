package io.kluis.billing.dunning;

import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.dunning.*}: the schedule of an unpaid invoice, in days after its due date (in
 * {@code zone}). Defaults: first reminder 7 days after the due date, second reminder 14, suspension of
 * the services the invoice pays for 21. The hand-off to a collection agency is never automatic: staff
 * decide it, for one of {@code collection-agencies} (ids of recipients in the processing register).
 *
 * @param enabled whether the job sends reminders and suspends (false: nothing happens automatically)
 */
@ConfigurationProperties("kluis.billing.dunning")
public record DunningProperties(@DefaultValue("true") boolean enabled, @DefaultValue("7") int firstReminderDays,
		@DefaultValue("14") int secondReminderDays, @DefaultValue("21") int suspensionDays,
		@DefaultValue("Europe/Amsterdam") ZoneId zone, @DefaultValue("collection-agency") List<String> collectionAgencies) {

	public DunningProperties {
		if (firstReminderDays < 0 || secondReminderDays < firstReminderDays || suspensionDays < secondReminderDays) {
			throw new IllegalArgumentException("kluis.billing.dunning: 0 <= first-reminder-days <= second-reminder-days "
					+ "<= suspension-days");
		}
		if (collectionAgencies.isEmpty()) {
			throw new IllegalArgumentException("kluis.billing.dunning.collection-agencies: at least one register recipient");
		}
	}
}
