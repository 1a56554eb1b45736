package io.kluis.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import io.kluis.notifications.Notifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Acceptance 5 (SEC-5): failed logins are throttled per account (growing delays, then a lock only
 * the owner's mailed link or staff lift) and per source address (password spraying), and the
 * throttling state holds no email or IP address. The clock is moved by hand instead of sleeping.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
// The test clock starts hours in the past and stays there: audit entries and mails written while it
// is moved forward must not lie in the future of other tests sharing the database (audit retention
// prunes an unbroken prefix by time).
@Import(TestClock.class)
@TestPropertySource(properties = TestClock.OFFSET + "=-6h")
class LoginThrottlingIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	PasswordLogin login;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	MultiFactor multiFactor;

	@Autowired
	SecondFactorLogin secondFactor;

	@Autowired
	Notifications notifications;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("SEC-5: after five failures even the correct password is refused until the delay has passed")
	void afterFiveFailuresEvenTheCorrectPasswordWaits() {
		var customer = fixtures.verified();
		for (int i = 1; i <= 5; i++) {
			assertThat(attempt(customer.email(), "wrong password number " + i)).isEqualTo(refused("bad-password"));
		}

		assertThat(attempt(customer.email(), customer.password())).isEqualTo(refused("throttled"));
		clock.advance(Duration.ofMillis(999));
		assertThat(attempt(customer.email(), customer.password())).isEqualTo(refused("throttled"));
		clock.advance(Duration.ofMillis(1));

		assertThat(attempt(customer.email(), customer.password())).isInstanceOf(PasswordLogin.Outcome.Authenticated.class);
		assertThat(guard(customer).failures()).as("a success starts the count again").isZero();
	}

	@Test
	@DisplayName("SEC-5: delays grow with each failure and twenty failures lock the account until the owner's mailed link lifts it")
	void delaysGrowAndTwentyFailuresLock() throws Exception {
		var customer = fixtures.verified();
		Duration previous = Duration.ZERO;
		for (int failure = 1; failure <= 20; failure++) {
			assertThat(attempt(customer.email(), "wrong password number " + failure)).isEqualTo(refused("bad-password"));
			var guard = guard(customer);
			assertThat(guard.failures()).isEqualTo(failure);
			if (failure < 5) {
				assertThat(guard.throttledUntil()).as("free attempt " + failure).isNull();
				continue;
			}
			if (failure == 20) {
				break;
			}
			Duration delay = Duration.between(clock.instant(), guard.throttledUntil());
			assertThat(delay).as("delay after failure " + failure)
				.isEqualTo(min(Duration.ofSeconds(1L << (failure - 5)), Duration.ofMinutes(15)));
			assertThat(delay).as("delays never shrink").isGreaterThanOrEqualTo(previous);
			previous = delay;
			assertThat(attempt(customer.email(), customer.password())).as("correct password while throttled")
				.isEqualTo(refused("throttled"));
			clock.advance(delay);
		}
		assertThat(previous).as("the delay is capped").isEqualTo(Duration.ofMinutes(15));
		assertThat(guard(customer).isLocked()).isTrue();

		clock.advance(Duration.ofMinutes(90));
		assertThat(attempt(customer.email(), customer.password())).as("locked: time alone does not help")
			.isEqualTo(refused("locked"));
		assertThat(attempt(customer.email(), customer.password())).isEqualTo(refused("locked"));

		notifications.flush();
		var unlockMail = Mailbox.withLink(Mailbox.awaitMails(customer.email(), 2), "/unlock");
		String token = Mailbox.token(unlockMail, "/unlock");
		mvc.perform(post("/unlock").param("token", token).with(csrf()).with(TestAccounts.from(TestAccounts.uniqueAddress())))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?unlocked"));

		assertThat(guard(customer).isLocked()).isFalse();
		assertThat(attempt(customer.email(), customer.password())).isInstanceOf(PasswordLogin.Outcome.Authenticated.class);
		mvc.perform(post("/unlock").param("token", token).with(csrf()).with(TestAccounts.from(TestAccounts.uniqueAddress())))
			.andExpect(status().isOk());
		assertThat(Mailbox.to(customer.email())).as("one unlock mail").filteredOn(m -> Mailbox.body(m).contains("/unlock?"))
			.hasSize(1);
	}

	@Test
	@DisplayName("SEC-5: many failures from one address across accounts throttle that address, not other addresses")
	void sprayingFromOneAddressThrottlesThatAddress() throws Exception {
		String sprayer = TestAccounts.uniqueAddress();
		String bystander = TestAccounts.uniqueAddress();
		var victims = List.of(fixtures.verified(), fixtures.verified(), fixtures.verified());
		var emails = new ArrayList<String>();
		victims.forEach(v -> emails.add(v.email()));
		for (int failure = 1; failure <= AddressThrottle.FREE + 1; failure++) {
			String email = failure % 2 == 0 ? victims.get(failure % 3).email() : TestAccounts.uniqueEmail("sprayed");
			emails.add(email);
			assertThat(login.attempt(email, "Summer2026!spray", sprayer)).isInstanceOf(PasswordLogin.Outcome.Refused.class);
		}
		var customer = fixtures.verified();
		String appPassword = appPasswords.create(customer.id(), "client", EnumSet.allOf(AppPasswordScope.class)).secret();

		assertThat(login.attempt(customer.email(), customer.password(), sprayer)).isEqualTo(refused("address-throttled"));
		mvc.perform(get("/api/v1/me").with(httpBasic(customer.email(), appPassword)).with(TestAccounts.from(sprayer)))
			// Issue 8: a correct app password is not refused because others guessed from its address.
			.andExpect(status().isOk());
		assertThat(login.attempt(customer.email(), customer.password(), bystander))
			.isInstanceOf(PasswordLogin.Outcome.Authenticated.class);
		mvc.perform(get("/api/v1/me").with(httpBasic(customer.email(), appPassword)).with(TestAccounts.from(bystander)))
			.andExpect(status().isOk());
		for (var victim : victims) {
			assertThat(guard(victim).isLocked()).as("spraying does not lock the accounts").isFalse();
		}

		// Attempts while throttled count too, so a sprayer that keeps going only waits longer.
		clock.advance(AddressThrottle.MAX_DELAY);
		assertThat(login.attempt(customer.email(), customer.password(), sprayer))
			.as("after the delay the address may try again").isInstanceOf(PasswordLogin.Outcome.Authenticated.class);

		var scan = new DatabaseScan(jdbc);
		byte[] key = cipher.blindIndex("identity.login.address", sprayer).bytes();
		assertThat(scan.count("identity_address_throttle", "where address_key = ?", List.of(key))).isOne();
		var secrets = new ArrayList<>(List.of(sprayer, bystander, sprayer.substring(9)));
		secrets.addAll(emails);
		assertThat(scan.rows("identity_address_throttle", "", List.of(), secrets)).isEmpty();
		assertThat(scan.everywhere(secrets)).as("no email or address in clear anywhere").isEmpty();
	}

	@Test
	@DisplayName("SEC-5: wrong second-factor codes count against the same limit, so the six digits cannot be guessed")
	void wrongSecondFactorCodesAreThrottledToo() {
		var customer = fixtures.verified();
		var secret = TotpSecret.fromBase32(multiFactor.beginTotp(customer.id()).secret()).orElseThrow();
		var totp = new Totp();
		assertThat(multiFactor.confirmTotp(customer.id(), totp.code(secret, Totp.stepAt(clock.instant())))).isPresent();
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String wrong = wrongCode(totp, secret);

		for (int i = 1; i <= 5; i++) {
			assertThat(login.attempt(customer.email(), customer.password(), TestAccounts.uniqueAddress()))
				.isInstanceOf(PasswordLogin.Outcome.SecondFactorRequired.class);
			assertThat(secondFactor.complete(customer.id(), wrong, TestAccounts.uniqueAddress())).isEmpty();
		}
		assertThat(guard(customer).failures()).isEqualTo(5);
		String right = totp.code(secret, Totp.stepAt(clock.instant()));
		assertThat(secondFactor.complete(customer.id(), right, TestAccounts.uniqueAddress()))
			.as("the right code while throttled").isEmpty();
		assertThat(login.attempt(customer.email(), customer.password(), TestAccounts.uniqueAddress()))
			.as("and the password step too").isEqualTo(refused("throttled"));

		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		assertThat(secondFactor.complete(customer.id(), totp.code(secret, Totp.stepAt(clock.instant())),
				TestAccounts.uniqueAddress())).isPresent();
		assertThat(guard(customer).failures()).as("a completed login starts the count again").isZero();
	}

	/** A six-digit code that is valid for none of the steps around now. */
	private String wrongCode(Totp totp, TotpSecret secret) {
		long step = Totp.stepAt(clock.instant());
		var valid = List.of(totp.code(secret, step - 1), totp.code(secret, step), totp.code(secret, step + 1),
				totp.code(secret, step + 2), totp.code(secret, step + 3));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!valid.contains(code)) {
				return code;
			}
		}
	}

	@Test
	@DisplayName("SEC-5: the failure count of an account is kept on the account's row, keyed by its id")
	void theFailureCountIsKeyedByTheAccountId() {
		var customer = fixtures.verified();
		attempt(customer.email(), "wrong password once");
		attempt(customer.email(), "wrong password twice");

		assertThat(jdbc.sql("select failed_logins from identity_accounts where id = ?")
			.param(customer.id().value())
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(customer.email()))).isEmpty();
	}

	private PasswordLogin.Outcome attempt(String email, String password) {
		// Each attempt from its own address, so only the per-account rule is at work.
		return login.attempt(email, password, TestAccounts.uniqueAddress());
	}

	private static PasswordLogin.Outcome refused(String reason) {
		return new PasswordLogin.Outcome.Refused(reason);
	}

	private io.kluis.identity.account.LoginGuard guard(TestAccounts.Known account) {
		Account stored = accounts.findById(account.id()).orElseThrow();
		return stored.guard();
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}
}
