package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.credentials.Argon2Parameters;
import io.kluis.identity.credentials.PasswordHasher;
import io.kluis.identity.security.PasswordLogin;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters.Builder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SEC-2 as stored: what the password column holds, and that old hashes are upgraded on login. */
@KluisIntegrationTest
@AutoConfigureMockMvc
class PasswordStorageIntegrationTests extends WithMailbox {

	private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	@Autowired
	ApplicationContext context;

	@Autowired
	PasswordLogin login;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("SEC-2: the stored password is an Argon2id hash with at least the OWASP parameters, never the password")
	void theStoredPasswordIsAnArgon2idHashWithOwaspParameters() {
		String password = "Zyxwvutsrq marble " + UUID.randomUUID();
		var customer = fixtures.verified(TestAccounts.request(TestAccounts.uniqueEmail("sec2"), password),
				TestAccounts.uniqueAddress());

		String stored = storedHash(customer.id().value());

		Matcher phc = PHC.matcher(stored);
		assertThat(phc.matches()).as("a PHC string of Argon2id v19").isTrue();
		assertThat(Integer.parseInt(phc.group(1))).as("memory KiB").isGreaterThanOrEqualTo(19456);
		assertThat(Integer.parseInt(phc.group(2))).as("iterations").isGreaterThanOrEqualTo(2);
		assertThat(Integer.parseInt(phc.group(3))).as("parallelism").isGreaterThanOrEqualTo(1);
		assertThat(Base64.getDecoder().decode(phc.group(4))).as("salt").hasSizeGreaterThanOrEqualTo(16);
		assertThat(Base64.getDecoder().decode(phc.group(5))).as("hash").hasSizeGreaterThanOrEqualTo(32);
		assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
			.doesNotContainIgnoringCase(password)
			.doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(password.getBytes(StandardCharsets.UTF_8)));

		var other = fixtures.verified(TestAccounts.request(TestAccounts.uniqueEmail("sec2"), password),
				TestAccounts.uniqueAddress());
		assertThat(storedHash(other.id().value())).as("salted: the same password hashes differently").isNotEqualTo(stored);
	}

	@Test
	@DisplayName("SEC-2: weaker Argon2 parameters than the OWASP minimum are refused")
	void weakerParametersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHasher(new Argon2Parameters(8192, 2, 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHasher(new Argon2Parameters(19456, 1, 1)));
	}

	@Test
	@DisplayName("SEC-2: a hash with weaker parameters is upgraded at the next successful login")
	void aWeakerHashIsUpgradedOnLogin() {
		var customer = fixtures.verified();
		String weak = weakHash(customer.password());
		jdbc.sql("update identity_accounts set password_hash = ? where id = ?").params(weak, customer.id().value()).update();

		var outcome = login.attempt(customer.email(), customer.password(), TestAccounts.uniqueAddress());

		assertThat(outcome).isInstanceOf(PasswordLogin.Outcome.Authenticated.class);
		String upgraded = storedHash(customer.id().value());
		assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(weak);
		assertThat(login.attempt(customer.email(), customer.password(), TestAccounts.uniqueAddress()))
			.as("the upgraded hash still matches").isInstanceOf(PasswordLogin.Outcome.Authenticated.class);
		assertThat(storedHash(customer.id().value())).as("no second upgrade").isEqualTo(upgraded);
	}

	@Test
	@DisplayName("SEC-2: a weaker hash is not upgraded by a wrong password")
	void aWrongPasswordDoesNotUpgrade() {
		var customer = fixtures.verified();
		String weak = weakHash(customer.password());
		jdbc.sql("update identity_accounts set password_hash = ? where id = ?").params(weak, customer.id().value()).update();

		var outcome = login.attempt(customer.email(), "not the password at all", TestAccounts.uniqueAddress());

		assertThat(outcome).isInstanceOf(PasswordLogin.Outcome.Refused.class);
		assertThat(storedHash(customer.id().value())).isEqualTo(weak);
	}

	private String storedHash(UUID id) {
		return jdbc.sql("select password_hash from identity_accounts where id = ?").param(id).query(String.class).single();
	}

	/**
	 * A PHC string as an older installation would have stored it (m=8 MiB, t=1), computed with
	 * BouncyCastle directly because {@link PasswordHasher} refuses to hash below the floor.
	 */
	static String weakHash(String password) {
		byte[] salt = new byte[16];
		new SecureRandom().nextBytes(salt);
		var generator = new Argon2BytesGenerator();
		generator.init(new Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
			.withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(8192)
			.withIterations(1)
			.withParallelism(1)
			.withSalt(salt)
			.build());
		byte[] hash = new byte[32];
		generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
		var b64 = Base64.getEncoder().withoutPadding();
		return "$argon2id$v=19$m=8192,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
	}
}
