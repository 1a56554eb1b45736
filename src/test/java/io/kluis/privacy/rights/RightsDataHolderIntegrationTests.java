package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.retention.RetentionEngine;
import io.kluis.shared.personaldata.DataSubject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rights engine's own personal data through the privacy SPI: export jobs ({@code data-exports})
 * and restriction/objection states ({@code processing-restrictions}) (RIG-1, RIG-4, RIG-6, RET-2).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(RightsTestConfiguration.class)
class RightsDataHolderIntegrationTests {

	@Autowired
	RightsDataHolder holder;

	@Autowired
	SubjectStates states;

	@Autowired
	ExportingPersonalData exporting;

	@Autowired
	RetentionEngine engine;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-4, RIG-6: restriction and objection are exported while set and kept only until lifted: "
			+ "lifting both leaves no row")
	void statesAreKeptUntilLifted() {
		var customer = fixtures.verified();
		states.restrict(customer.id(), customer.id());
		states.object(customer.id(), customer.id());
		var exported = holder.export(DataSubject.of(customer.id()));
		assertThat(exported).anySatisfy(c -> {
			assertThat(c.category()).isEqualTo("processing-restrictions");
			assertThat(c.records()).singleElement().satisfies(r -> assertThat(r.get("restrictedSince")).isNotNull());
		});

		states.liftRestriction(customer.id(), customer.id());
		assertThat(rows(customer)).as("still objected").isEqualTo(1);
		states.withdrawObjection(customer.id(), customer.id());

		assertThat(rows(customer)).isZero();
		assertThat(states.of(customer.id()).restricted()).isFalse();
	}

	@Test
	@DisplayName("RET-2, RET-6: an export (row and encrypted content) is deleted 7 days after it was ready, as the dry run "
			+ "predicted; the register's data-exports rule drives it")
	void exportsExpireSevenDaysAfterTheyWereReady() {
		var customer = fixtures.verified();
		var export = exporting.request(customer.id(), customer.id());
		await().atMost(Duration.ofSeconds(20)).until(() -> exporting.find(customer.id(), export.id())
			.map(e -> e.status() == Export.Status.READY).orElse(false));
		var ready = exporting.find(customer.id(), export.id()).orElseThrow();
		assertThat(chunks(export.id())).isPositive();

		// The engine counts periods in calendar days of Europe/Amsterdam, so a week is not always 168 hours.
		var weekLater = ready.readyAt().atZone(ErasureExplanation.ZONE).plusDays(7).toInstant();
		var within = weekLater.minusSeconds(1);
		engine.run(within, false, Set.of("data-exports"));
		assertThat(exporting.find(customer.id(), export.id())).as("within its 7 days").isPresent();

		var after = weekLater.plusMillis(1);
		int predicted = engine.run(after, true, Set.of("data-exports")).total();
		var real = engine.run(after, false, Set.of("data-exports"));

		assertThat(predicted).isPositive();
		assertThat(real.total()).isEqualTo(predicted);
		assertThat(exporting.find(customer.id(), export.id())).isEmpty();
		assertThat(chunks(export.id())).as("the content went with the row").isZero();
	}

	private long chunks(java.util.UUID export) {
		return jdbc.sql("select count(*) from privacy_export_chunks where export_id = ?").param(export)
			.query(Long.class).single();
	}

	private long rows(TestAccounts.Known customer) {
		return jdbc.sql("select count(*) from privacy_subject_states where account_id = ?").param(customer.id().value())
			.query(Long.class).single();
	}
}
