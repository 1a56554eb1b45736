package io.kluis.identity.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.privacy.TestSessions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

@KluisIntegrationTest
class IdentityDataHolderIntegrationTests {

	@Autowired
	IdentityDataHolder holder;

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessionRepository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	TestAccounts fixtures;

	TestSessions sessions;

	@BeforeEach
	void setUp() {
		fixtures = new TestAccounts(registration, accounts, staff, clock);
		sessions = new TestSessions(sessionRepository, jdbc);
	}

	@Test
	@DisplayName("RIG-1: identity's export holds every personal datum of the account, and no secret")
	void exportHoldsEveryPersonalDatumAndNoSecret() {
		String address = TestAccounts.uniqueAddress();
		var customer = fixtures.verified(TestAccounts.request(TestAccounts.uniqueEmail("export"), TestAccounts.PASSWORD),
				address);
		var created = appPasswords.create(customer.id(), "Thunderbird on the laptop");
		sessions.open(customer.id(), "Firefox on Linux");

		Map<String, ExportedCategory> export = byCategory(holder.export(DataSubject.of(customer.id())));

		assertThat(export).containsOnlyKeys(IdentityCategories.ALL);
		var identity = export.get("customer-identity").records().get(0);
		var account = accounts.findById(customer.id()).orElseThrow();
		assertThat(identity).containsEntry("customerNumber", account.customerNumber().value())
			.containsEntry("firstName", "Anna")
			.containsEntry("lastName", "de Vries")
			.containsEntry("street", "Kerkstraat 1")
			.containsEntry("postalCode", "1234 AB")
			.containsEntry("city", "Utrecht")
			.containsEntry("country", "NL")
			.containsEntry("dateOfBirth", "1990-04-02")
			.containsEntry("language", "en")
			.containsEntry("status", "ACTIVE")
			.containsKeys("phone", "companyName", "createdAt", "verifiedAt");
		assertThat(export.get("contact-email").records()).anySatisfy(r -> assertThat(r).containsEntry("email", customer.email()));
		assertThat(export.get("registration-evidence").records().get(0)).containsEntry("registrationIp", address)
			.containsKeys("registeredAt", "termsVersion", "privacyPolicyVersion", "acceptedAt", "verifiedAt");
		assertThat(export.get("credentials").records()).anySatisfy(r -> assertThat(r).containsEntry("type", "password")
			.containsEntry("authenticatorApp", false).containsEntry("recoveryCodesLeft", 0).containsKey("passwordChangedAt"));
		assertThat(export.get("credentials").records()).anySatisfy(r -> assertThat(r).containsEntry("type", "app-password")
			.containsEntry("name", "Thunderbird on the laptop").containsKeys("createdAt", "lastUsedAt"));
		assertThat(export.get("sessions").records()).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("device", "Firefox on Linux").containsKeys("createdAt", "lastActiveAt"));
		assertThat(export.get("login-protection").records().get(0)).containsEntry("failedLogins", 0);
		assertThat(export.get("unverified-registration").records()).as("verified: not an unverified registration").isEmpty();

		String everything = export.values().stream().flatMap(c -> c.records().stream()).map(Object::toString)
			.collect(Collectors.joining("\n"));
		assertThat(everything).doesNotContain(created.secret(), account.passwordHash(), TestAccounts.PASSWORD);
	}

	@Test
	@DisplayName("RIG-1: an unverified registration exports as such, found by its email address too")
	void unverifiedRegistrationExportsAsSuchByEmail() {
		var applicant = fixtures.unverified();

		var export = byCategory(holder.export(new DataSubject(null, EmailAddress.of(applicant.email()))));

		assertThat(export.get("unverified-registration").records()).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("status", "UNVERIFIED"));
		assertThat(export.get("credentials").records()).anySatisfy(r -> assertThat(r).containsEntry("type", "mailed-link")
			.containsEntry("purpose", "VERIFY_EMAIL"));
	}

	@Test
	@DisplayName("RIG-3/RET-5: erasure deletes the account, ends its sessions and removes its app passwords, with counts")
	void erasureDeletesTheAccountSessionsAndAppPasswords() {
		var customer = fixtures.verified();
		appPasswords.create(customer.id(), "WebDAV");
		appPasswords.create(customer.id(), "Calendar");
		String session = sessions.open(customer.id(), "Safari on macOS");

		var erased = holder.erase(DataSubject.of(customer.id()));

		assertThat(accounts.findById(customer.id())).isEmpty();
		assertThat(count("identity_accounts", "id", customer.id())).isZero();
		assertThat(count("identity_app_passwords", "account_id", customer.id())).isZero();
		assertThat(count("identity_account_roles", "account_id", customer.id())).isZero();
		assertThat(sessions.exists(session)).isFalse();
		assertThat(erased.removed()).containsEntry("customer-identity", 1)
			.containsEntry("contact-email", 1)
			.containsEntry("registration-evidence", 1)
			.containsEntry("sessions", 1)
			.containsEntry("login-protection", 0);
		assertThat(erased.removed().get("credentials")).as("password, two app passwords, the verification link")
			.isGreaterThanOrEqualTo(3);
		assertThat(erased.kept()).isEmpty();
		assertThat(cipher.isDestroyed(customer.id())).as("the rights engine destroys the key after every holder ran")
			.isFalse();
		assertThat(holder.erase(DataSubject.of(customer.id())).removed()).as("idempotent").containsEntry("sessions", 0)
			.doesNotContainKey("customer-identity");
	}

	@Test
	@DisplayName("RET-2: unverified registrations past their period are deleted and shredded; the dry run counts them first")
	void unverifiedRegistrationsPastTheirPeriodAreDeletedAndShredded() {
		var old = fixtures.unverified();
		var fresh = fixtures.unverified();
		var verified = fixtures.verified();
		var now = clock.instant();
		backdate(old.id(), now.minus(Duration.ofDays(8)));
		backdate(verified.id(), now.minus(Duration.ofDays(8)));
		var cutoff = now.minus(Duration.ofDays(7));

		int predicted = holder.applyRetention("unverified-registration", cutoff, true);
		assertThat(accounts.findById(old.id())).as("a dry run deletes nothing").isPresent();
		int removed = holder.applyRetention("unverified-registration", cutoff, false);

		assertThat(predicted).isPositive().isEqualTo(removed);
		assertThat(accounts.findById(old.id())).isEmpty();
		assertThat(cipher.isDestroyed(old.id())).as("data key destroyed: no copy stays readable").isTrue();
		assertThat(accounts.findById(fresh.id())).as("within its period").isPresent();
		assertThat(accounts.findById(verified.id())).as("verified accounts stay").isPresent();
		assertThat(holder.applyRetention("unverified-registration", cutoff, false)).as("idempotent").isZero();
	}

	@Test
	@DisplayName("RET-2: categories kept until account closure have nothing to expire (closure erases at once)")
	void accountClosedCategoriesHaveNothingToExpire() {
		fixtures.verified();
		var farFuture = clock.instant().plus(Duration.ofDays(365 * 30));
		for (String category : List.of("customer-identity", "contact-email", "credentials", "registration-evidence")) {
			assertThat(holder.applyRetention(category, farFuture, true)).as(category).isZero();
		}
	}

	@Test
	@DisplayName("PUR-3: every column identity maps belongs to a category identity holds")
	void everyMappedColumnBelongsToAHeldCategory() {
		assertThat(holder.personalColumns().values()).allSatisfy(c -> assertThat(holder.categories()).contains(c));
	}

	private void backdate(AccountId account, java.time.Instant createdAt) {
		jdbc.sql("update identity_accounts set created_at = ? where id = ?")
			.params(Timestamp.from(createdAt), account.value())
			.update();
	}

	private long count(String table, String column, AccountId id) {
		return jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(id.value()).query(Long.class)
			.single();
	}

	private static Map<String, ExportedCategory> byCategory(List<ExportedCategory> export) {
		return export.stream().collect(Collectors.toMap(ExportedCategory::category, Function.identity()));
	}
}
