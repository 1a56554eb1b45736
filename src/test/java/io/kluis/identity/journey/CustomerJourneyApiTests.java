package io.kluis.identity.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.identity.credentials.Totp;
import io.kluis.identity.credentials.TotpSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance item 2 of the foundation issue, scripted: the same journey as
 * {@link CustomerJourneyBrowserTests} through the JSON API, over real HTTP against the running server,
 * with the verification mail read from the real SMTP server.
 */
@KluisServerTest
class CustomerJourneyApiTests {

	static final String PASSWORD = "glacier tulip harbour violin";

	@Value("${kluis.base-url}")
	String baseUrl;

	ApiClient api;

	final Totp totp = new Totp();

	@BeforeEach
	void client() {
		api = new ApiClient(baseUrl);
	}

	@Test
	@DisplayName("ACC-1, ACC-2, ACC-3, SEC-2: over the API a customer registers, verifies, gets an app password, "
			+ "turns on TOTP, needs a code from then on, and revokes app passwords")
	void customerScriptsTheJourneyOverTheApi() {
		String email = "api-" + UUID.randomUUID() + "@example.org";
		var registered = api.post("/api/v1/accounts", registration(email));
		assertThat(registered.status()).isEqualTo(202);
		String token = Mailbox.token(Mailbox.awaitMail(email, 1), "/verify");
		assertThat(api.post("/api/v1/accounts/verification", Map.of("token", token)).status()).isEqualTo(204);
		assertThat(api.post("/api/v1/accounts/verification", Map.of("token", token)).status())
			.as("a verification link works once").isEqualTo(400);

		assertThat(api.as(email, PASSWORD).get("/api/v1/me").status())
			.as("the account password is not an API credential: app passwords only").isEqualTo(401);
		var cli = api.as(email, PASSWORD).post("/api/v1/app-passwords",
				Map.of("name", "cli", "scopes", List.of("api:write")));
		assertThat(cli.status()).isEqualTo(201);
		String cliId = cli.json().get("id").asString();
		String cliSecret = cli.json().get("secret").asString();
		assertThat(cli.header("Location")).isEqualTo("/api/v1/app-passwords/" + cliId);
		assertThat(cli.header("Cache-Control")).isEqualTo("no-store");
		var app = api.as(email, cliSecret);

		var me = app.get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("email").asString()).isEqualTo(email);
		assertThat(me.json().get("firstName").asString()).isEqualTo("Anna");
		assertThat(me.json().get("customerNumber").asString()).isNotBlank();
		assertThat(me.json().get("mfa").asBoolean()).isFalse();
		assertThat(me.json().propertyNames()).as("SEC-2: no password (hash) is ever returned")
			.noneMatch(name -> name.toLowerCase().contains("password") && !name.equals("privacyPolicyVersion"));
		assertThat(me.raw().body()).doesNotContain("$argon2").doesNotContain(PASSWORD);

		var enrolment = app.with("X-Kluis-Password", PASSWORD).post("/api/v1/me/totp", Map.of());
		assertThat(enrolment.status()).isEqualTo(200);
		assertThat(enrolment.json().get("otpauthUri").asString()).startsWith("otpauth://totp/");
		var secret = TotpSecret.fromBase32(enrolment.json().get("secret").asString()).orElseThrow();
		long step = Totp.stepAt(Instant.now());
		var confirmed = app.post("/api/v1/me/totp/confirmation", Map.of("code", totp.code(secret, step)));
		assertThat(confirmed.status()).isEqualTo(200);
		List<String> recoveryCodes = strings(confirmed.json().get("recoveryCodes"));
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		assertThat(app.get("/api/v1/me").json().get("mfa").asBoolean()).isTrue();

		var withoutCode = api.as(email, PASSWORD).post("/api/v1/app-passwords", Map.of("name", "no code"));
		assertThat(withoutCode.status()).as("with MFA on, the password alone is not enough").isEqualTo(401);
		assertThat(withoutCode.raw().body()).contains("X-Kluis-OTP");
		// The code of the step after the enrolment's is valid now (one step of clock drift is accepted),
		// so the walk needs no sleep until the next 30-second step.
		String nextCode = totp.code(secret, step + 1);
		var withTotp = api.as(email, PASSWORD).with("X-Kluis-OTP", nextCode).post("/api/v1/app-passwords",
				Map.of("name", "cli totp", "scopes", List.of("api:write")));
		assertThat(withTotp.status()).isEqualTo(201);
		assertThat(api.as(email, PASSWORD).with("X-Kluis-OTP", nextCode).post("/api/v1/app-passwords",
				Map.of("name", "replayed")).status()).as("a TOTP code works once").isEqualTo(401);
		var withRecoveryCode = api.as(email, PASSWORD).with("X-Kluis-OTP", recoveryCodes.get(3))
			.post("/api/v1/app-passwords", Map.of("name", "cli recovery"));
		assertThat(withRecoveryCode.status()).isEqualTo(201);
		assertThat(api.as(email, PASSWORD).with("X-Kluis-OTP", recoveryCodes.get(3)).post("/api/v1/app-passwords",
				Map.of("name", "replayed")).status()).as("a recovery code works once").isEqualTo(401);

		var listed = app.get("/api/v1/app-passwords");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().valueStream().map(p -> p.get("name").asString()))
			.containsExactlyInAnyOrder("cli", "cli totp", "cli recovery");
		listed.json().valueStream().forEach(p -> assertThat(p.propertyNames())
			.containsExactlyInAnyOrder("id", "name", "scopes", "createdAt", "lastUsedAt"));
		assertThat(listed.raw().body()).as("secrets are shown once, at creation")
			.doesNotContain(cliSecret)
			.doesNotContain(withTotp.json().get("secret").asString())
			.doesNotContain(withRecoveryCode.json().get("secret").asString());

		var otherApp = api.as(email, withTotp.json().get("secret").asString());
		assertThat(otherApp.delete("/api/v1/app-passwords/" + cliId).status()).isEqualTo(204);
		assertThat(app.get("/api/v1/me").status()).as("a revoked app password is refused at once").isEqualTo(401);
		assertThat(otherApp.delete("/api/v1/app-passwords/" + cliId).status()).isEqualTo(404);
		assertThat(otherApp.get("/api/v1/app-passwords").json().valueStream().map(p -> p.get("id").asString()))
			.doesNotContain(cliId);
		assertThat(otherApp.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	@DisplayName("ACC-1: registering an address that already has an account answers exactly like a new registration; "
			+ "the owner is mailed instead")
	void registeringAKnownAddressLooksTheSameAndMailsTheOwner() {
		String email = "again-" + UUID.randomUUID() + "@example.org";
		var first = api.post("/api/v1/accounts", registration(email));
		var verification = Mailbox.awaitMail(email, 1);

		var second = api.post("/api/v1/accounts", registration(email));

		assertThat(second.status()).isEqualTo(first.status()).isEqualTo(202);
		assertThat(second.raw().body()).isEqualTo(first.raw().body());
		assertThat(second.header("Content-Type")).isEqualTo(first.header("Content-Type"));
		var notice = Mailbox.awaitMail(email, 2);
		assertThat(subject(notice)).isEqualTo("You already have an account at Voorbeeld Hosting B.V.");
		assertThat(subject(verification)).isNotEqualTo(subject(notice));
		assertThat(Mailbox.link(notice, "/login/forgot")).isEqualTo(baseUrl + "/login/forgot");
		assertThat(Mailbox.body(notice)).containsPattern(Pattern.quote(baseUrl + "/login") + "[\\s\"<]");
		assertThat(Mailbox.body(notice)).as("no second verification link").doesNotContain("/verify?token=");
	}

	@Test
	@DisplayName("ACC-2: the API holds no personal data for a caller without credentials")
	void theApiRefusesCallersWithoutCredentials() {
		for (String path : List.of("/api/v1/me", "/api/v1/app-passwords")) {
			var response = api.get(path);
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
	}

	private static Map<String, Object> registration(String email) {
		return Map.ofEntries(Map.entry("email", email), Map.entry("password", PASSWORD), Map.entry("firstName", "Anna"),
				Map.entry("lastName", "de Vries"), Map.entry("street", "Kerkstraat 1"), Map.entry("postalCode", "1234 AB"),
				Map.entry("city", "Utrecht"), Map.entry("country", "NL"), Map.entry("dateOfBirth", "1990-04-02"),
				Map.entry("language", "en"));
	}

	private static List<String> strings(JsonNode array) {
		var values = new ArrayList<String>();
		array.valueStream().forEach(v -> values.add(v.asString()));
		return values;
	}

	private static String subject(jakarta.mail.internet.MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
