package io.kluis.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.BillingFixtures;
import io.kluis.shared.personaldata.DataSubject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The dunning steps as personal data: exported, erased with the account, deleted by retention. */
@KluisIntegrationTest
class DunningDataHolderIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DunningRecords records;

	@Autowired
	DunningDataHolder holder;

	@Test
	@DisplayName("RIG-1, RIG-3, RET-2: a customer's dunning steps are in the export with the invoice number, erased with the "
			+ "account, and deleted by retention after the period (a dry run only counts)")
	void exportedErasedAndRetained() {
		var billed = BillingFixtures.in(context).billed();
		var other = BillingFixtures.in(context).billed();
		Instant longAgo = Instant.now().minus(800, ChronoUnit.DAYS);
		records.add(billed.invoice().id(), DunningStep.FIRST_REMINDER, billed.account().id(), longAgo, null, null);
		records.add(billed.invoice().id(), DunningStep.SECOND_REMINDER, billed.account().id(), Instant.now(), null, null);
		assertThat(records.add(billed.invoice().id(), DunningStep.SECOND_REMINDER, billed.account().id(), Instant.now(),
				null, null)).as("each step once").isFalse();
		records.add(other.invoice().id(), DunningStep.FIRST_REMINDER, other.account().id(), Instant.now(), null, null);

		var exported = holder.export(DataSubject.of(billed.account().id()));
		assertThat(exported).singleElement().satisfies(c -> {
			assertThat(c.category()).isEqualTo("billing-dunning");
			assertThat(c.records()).extracting(r -> r.get("invoiceNumber") + "/" + r.get("step"))
				.containsExactly(billed.invoice().number() + "/FIRST_REMINDER",
						billed.invoice().number() + "/SECOND_REMINDER");
		});

		Instant cutoff = Instant.now().minus(730, ChronoUnit.DAYS);
		assertThat(holder.applyRetention("billing-dunning", cutoff, true)).isGreaterThanOrEqualTo(1);
		assertThat(records.of(billed.invoice().id())).hasSize(2);
		assertThat(holder.applyRetention("billing-dunning", cutoff, false)).isGreaterThanOrEqualTo(1);
		assertThat(records.of(billed.invoice().id())).extracting(DunningRecords.Row::step)
			.containsExactly(DunningStep.SECOND_REMINDER);

		var erased = holder.erase(DataSubject.of(billed.account().id()));
		assertThat(erased.removed()).containsEntry("billing-dunning", 1);
		assertThat(records.of(billed.invoice().id())).isEmpty();
		assertThat(records.of(other.invoice().id())).as("another customer's steps stay").hasSize(1);
	}
}
