package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestDatabase;
import io.kluis.WithMailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.privacy.retention.RetentionEngine;
import io.kluis.privacy.rights.AccountClosingForTests;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * RET-3 end to end for invoices: closing the account keeps the minimised fiscal record; the retention
 * engine (what {@code retention run --as-of} runs) removes it 7 years after the end of its fiscal year,
 * not a day earlier, destroys the fiscal key with it and leaves an evidence record. Own schema: a real
 * retention run must not delete other contexts' invoices on a shared PostgreSQL.
 */
@KluisIntegrationTest
@TestPropertySource(properties = TestDatabase.OWN_SCHEMA + "=true")
class InvoiceRetentionIntegrationTests extends WithMailbox {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	Invoicing invoicing;

	@Autowired
	RetentionEngine retention;

	@Autowired
	InvoicesDataHolder holder;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	Evidence evidence;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationContext context;

	/** As the command computes {@code --as-of YYYY-MM-DD}: the start of that day in Amsterdam. */
	static Instant asOf(String date) {
		return LocalDate.parse(date).atStartOfDay(AMSTERDAM).toInstant();
	}

	@Test
	@DisplayName("RET-3, BIL-5: after closure the minimised invoice stays until 7 years after its fiscal year ends; then retention deletes it with its fiscal key and records evidence")
	void invoicesGoSevenYearsAfterTheFiscalYear() {
		var customer = TestAccounts.in(context).verified();
		var invoice = invoicing.issue(new InvoiceRequest(customer.id(), InvoicingIntegrationTests.customerNumber(),
				InvoicingIntegrationTests.consumer("NL"), InvoicingIntegrationTests.lines()));
		int year = invoice.fiscalYear();
		assertThat(year).isEqualTo(LocalDate.ofInstant(clock.instant(), AMSTERDAM).getYear());
		AccountClosingForTests.close(context, customer.id());
		assertThat(invoicing.find(invoice.id()).orElseThrow().minimised()).isNotNull();

		var rule = retention.rules().stream().filter(r -> r.id().equals("invoices")).findFirst().orElseThrow();
		assertThat(rule.trigger()).isEqualTo(RetentionTrigger.FISCAL_YEAR_END);
		assertThat(rule.period().toTotalMonths()).isEqualTo(7 * 12);

		String lastDayKept = (year + 7) + "-12-31";
		String firstDayGone = (year + 8) + "-01-01";
		var early = retention.run(asOf(lastDayKept), true, Set.of("invoices"));
		assertThat(early.rules()).singleElement().satisfies(r -> assertThat(r.count()).isZero());
		var dry = retention.run(asOf(firstDayGone), true, Set.of("invoices"));
		assertThat(dry.rules()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(1));
		assertThat(invoicing.find(invoice.id())).as("a dry run deletes nothing").isPresent();

		var fiscalKey = new AccountId(InvoicingService.fiscalSubject(customer.id(), year));
		assertThat(cipher.isDestroyed(fiscalKey)).isFalse();
		var run = retention.run(asOf(firstDayGone), false, Set.of("invoices"));
		assertThat(run.rules()).singleElement().satisfies(r -> {
			assertThat(r.count()).isEqualTo(1);
			assertThat(r.failed()).isFalse();
		});
		assertThat(invoicing.find(invoice.id())).isEmpty();
		assertThat(cipher.isDestroyed(fiscalKey)).as("the fiscal key goes with the record").isTrue();
		assertThat(holder.export(DataSubject.of(customer.id())).get(0).records()).isEmpty();
		assertThat(evidence.recent(20)).anySatisfy(e -> {
			assertThat(e.kind()).isEqualTo(Evidence.Kind.RETENTION);
			assertThat(e.asOf()).isEqualTo(asOf(firstDayGone));
			assertThat(e.removed()).containsEntry("invoices", 1);
		});
		assertThat(retention.run(asOf(firstDayGone), false, Set.of("invoices")).total()).as("idempotent").isZero();
	}
}
