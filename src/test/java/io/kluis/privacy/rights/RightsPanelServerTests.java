package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.privacy.rights.RightsTestConfiguration.TestHolder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rights in the panel, as a browser uses them: real HTTP, form login, session cookies, CSRF. */
@KluisServerTest
@Import(RightsTestConfiguration.class)
class RightsPanelServerTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	Clock clock;

	@Autowired
	TestHolder holder;

	@Autowired
	SubjectRestrictions restrictions;

	@Autowired
	Evidence evidence;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-1: in the panel an export needs the password again, is built in the background, and downloads "
			+ "as a ZIP from the page the mail links to; nobody else can open that page")
	void exportInThePanel() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		String note = RightsFixtures.unique("note-");
		holder.store(customer.id(), note, RightsFixtures.unique("invoice-"));
		var browser = new Http(baseUrl);
		assertThat(browser.login(customer.email(), customer.password())).isTrue();

		assertThat(browser.get("/panel").body()).contains("/panel/privacy");
		var page = browser.get("/panel/privacy");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Your privacy rights", "A copy of your data", "Restrict processing",
				"Object to processing", "Close your account");

		var wrong = browser.form("/panel/privacy/exports", Map.of("password", "not the password", "code", ""));
		assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/panel/privacy");
		assertThat(browser.get("/panel/privacy").body()).contains("That password or code is not right");

		var requested = browser.form("/panel/privacy/exports", Map.of("password", customer.password(), "code", ""));
		String location = requested.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/panel/privacy/exports/[0-9a-f-]{36}");
		String path = location.substring(location.indexOf("/panel/"));
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.get(path).body().contains("Download (ZIP)"));
		var zip = RightsApiServerTests.unzip(browser.getBytes(path + "/download").body());
		assertThat(zip).containsKeys("README.html", "data.json", "csv/test-files.csv");
		assertThat(RightsApiServerTests.text(zip, "data.json")).contains(note);

		var mail = RightsApiServerTests.awaitMail(customer.email(), "Your copy of your data at Voorbeeld Hosting B.V. is ready");
		assertThat(Mailbox.link(mail, "/panel/privacy/exports/")).isEqualTo(baseUrl + path);

		var stranger = new Http(baseUrl);
		var other = RightsFixtures.customer(fixtures);
		assertThat(stranger.login(other.email(), other.password())).isTrue();
		assertThat(stranger.get(path).statusCode()).isEqualTo(404);
		assertThat(stranger.getBytes(path + "/download").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("RIG-4, RIG-6: restriction and objection are set and lifted with one button each in the panel")
	void restrictionAndObjectionInThePanel() {
		var customer = RightsFixtures.customer(fixtures);
		var browser = new Http(baseUrl);
		assertThat(browser.login(customer.email(), customer.password())).isTrue();
		browser.get("/panel/privacy");

		browser.form("/panel/privacy/restriction", Map.of());
		assertThat(restrictions.isRestricted(customer.id())).isTrue();
		assertThat(holder.calls).contains("restrict:" + customer.id());
		assertThat(browser.get("/panel/privacy").body()).contains("Processing of your data is restricted.");
		browser.form("/panel/privacy/objection", Map.of());
		assertThat(restrictions.hasObjected(customer.id())).isTrue();
		browser.get("/panel/privacy");
		browser.form("/panel/privacy/restriction/lift", Map.of());
		browser.get("/panel/privacy");
		browser.form("/panel/privacy/objection/withdraw", Map.of());
		assertThat(restrictions.isRestricted(customer.id())).isFalse();
		assertThat(restrictions.hasObjected(customer.id())).isFalse();
		assertThat(holder.calls).contains("lift:" + customer.id());
	}

	@Test
	@DisplayName("RIG-3, RET-5: the closure page explains what is deleted and what is kept under which legal hold "
			+ "until when; closing needs the password and a tick, then ends every session of the account")
	void closingInThePanel() {
		var customer = RightsFixtures.customer(fixtures);
		holder.store(customer.id(), RightsFixtures.unique("note-"), RightsFixtures.unique("invoice-"));
		var browser = new Http(baseUrl);
		assertThat(browser.login(customer.email(), customer.password())).isTrue();
		var otherDevice = new Http(baseUrl);
		assertThat(otherDevice.login(customer.email(), customer.password())).isTrue();
		assertThat(otherDevice.get("/panel").statusCode()).isEqualTo(200);

		var explained = browser.get("/panel/privacy/close");
		assertThat(explained.statusCode()).isEqualTo(200);
		assertThat(explained.body()).contains("Deleted at once", "Test files", "Kept for a while", "Test invoices",
				"Fiscal retention duty (art. 52 AWR)",
				clock.instant().atZone(ErasureExplanation.ZONE).toLocalDate().plusYears(7).toString());

		var unconfirmed = browser.form("/panel/privacy/close", Map.of("password", customer.password()));
		assertThat(unconfirmed.body()).contains("Please tick the box");
		var wrong = browser.form("/panel/privacy/close", Map.of("password", "wrong password", "confirm", "true"));
		assertThat(wrong.body()).contains("That password or code is not right");
		assertThat(evidence.about(customer.id())).isEmpty();

		var closed = browser.form("/panel/privacy/close", Map.of("password", customer.password(), "confirm", "true"));
		assertThat(closed.statusCode()).isEqualTo(200);
		assertThat(closed.body()).contains("Your account is closed");

		assertThat(browser.get("/panel").statusCode()).as("logged out").isIn(302, 401);
		assertThat(otherDevice.get("/panel").statusCode()).as("the other session ended too").isIn(302, 401);
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(customer.id().toString()).query(Long.class).single()).isZero();
		assertThat(cipher.isDestroyed(customer.id())).isTrue();
		assertThat(evidence.about(customer.id())).hasSize(1);
		RightsApiServerTests.awaitMail(customer.email(), "Your account at Voorbeeld Hosting B.V. is closed");
	}
}
