package io.kluis.storage.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * STO-2 share links over HTTP, as an owner's API client and a recipient without an account use them:
 * password, expiry (the test clock), download limit, revocation, the identical 404 of every link that
 * does not work, the access log with truncated addresses, and 404 for what is someone else's.
 */
@KluisServerTest
// The clock starts hours in the past, so audit entries written while it moves never lie in other tests' future.
@Import(TestClock.class)
@TestPropertySource(properties = TestClock.OFFSET + "=-12h")
@DirtiesContext // moves the clock: a context of its own, not PeerShareServerTests'
class ShareLinksServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	DavClient owner;

	DavClient other;

	@BeforeEach
	void customers() {
		var customers = StorageCustomers.in(context);
		owner = customers.withAppPassword("api").dav();
		other = customers.withAppPassword("api").dav();
		post(owner, "/api/v1/spaces", "{\"name\":\"docs\",\"kind\":\"PLAIN\"}");
		owner.method("MKCOL", "/dav/docs/Reis");
		owner.put("/dav/docs/Reis/verslag.txt", "Dag 1: aangekomen.".getBytes(StandardCharsets.UTF_8));
		owner.method("MKCOL", "/dav/docs/Reis/fotos");
		owner.put("/dav/docs/Reis/fotos/strand.jpg", new byte[] { 1, 2, 3, 4 });
		owner.put("/dav/docs/geheim.txt", "niet gedeeld".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	@DisplayName("STO-2: a file shared with a password and a download limit: asked for the password (CSRF-protected), downloaded as a sandboxed attachment, then used up; every page says no-referrer; the owner's log has truncated networks")
	void passwordAndDownloadLimit() {
		JsonNode created = create(owner, "{\"space\":\"docs\",\"path\":\"Reis/verslag.txt\",\"password\":\"zeven zeeën\",\"downloadLimit\":2}");
		String link = created.get("url").asString();
		assertThat(created.get("token").asString()).matches("[A-Za-z0-9_-]{43}").hasSize(43);
		assertThat(link).isEqualTo(baseUrl + "/s/" + created.get("token").asString());
		var recipient = new ShareRecipient(baseUrl, "198.51.100.77");

		HttpResponse<String> page = recipient.get(link);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("share-password-form").doesNotContain("Dag 1");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(recipient.bytes(link + "/files/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);

		assertThat(recipient.passwordWithoutCsrf(link, "zeven zeeën").statusCode()).as("CSRF").isEqualTo(403);
		HttpResponse<String> wrong = recipient.password(link, "acht zeeën");
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("share-error");
		HttpResponse<String> right = recipient.password(link, "zeven zeeën");
		assertThat(right.statusCode()).isEqualTo(303);
		assertThat(right.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
			.contains("kluis_share=", "Path=/s/" + created.get("token").asString(), "HttpOnly", "SameSite=Strict"));

		HttpResponse<String> opened = recipient.get(link);
		assertThat(opened.statusCode()).isEqualTo(200);
		assertThat(opened.body()).contains("verslag.txt").contains("share-download");
		assertThat(opened.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		String download = between(opened.body(), "id=\"share-download\" href=\"", "\"");
		assertThat(download).startsWith("/s/").doesNotContain("verslag");

		HttpResponse<byte[]> file = recipient.bytes(download);
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("Dag 1: aangekomen.");
		assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''verslag.txt");
		assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(file.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox"));
		assertThat(file.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(recipient.bytes(download).statusCode()).isEqualTo(200);

		assertThat(recipient.bytes(download).statusCode()).as("the limit of 2 is used up").isEqualTo(404);
		assertSameAsNeverExisted(recipient.get(link));
		JsonNode share = json(owner.method("GET", "/api/v1/shares/" + created.get("share").get("id").asString()).body());
		assertThat(share.get("state").asString()).isEqualTo("exhausted");
		assertThat(share.get("downloads").asInt()).isEqualTo(2);

		JsonNode log = json(owner.method("GET", "/api/v1/shares/" + share.get("id").asString() + "/log").body());
		List<String> events = new ArrayList<>();
		log.forEach(e -> events.add(e.get("event").asString()));
		assertThat(events).containsExactly("created", "password-failed", "accessed", "downloaded", "downloaded");
		log.forEach(e -> {
			if (!e.get("event").asString().equals("created")) {
				assertThat(e.get("network").asString()).isEqualTo("198.51.100.0/24");
			}
		});
		assertThat(log.toString()).doesNotContain("198.51.100.77");
	}

	@Test
	@DisplayName("STO-2: a link with an expiry works until then; afterwards it answers exactly like a link that never existed")
	void expiry() {
		Instant expires = clock.instant().plus(Duration.ofHours(2));
		JsonNode created = create(owner, "{\"space\":\"docs\",\"path\":\"Reis/verslag.txt\",\"expiresAt\":\"" + expires + "\"}");
		String link = created.get("url").asString();
		var recipient = new ShareRecipient(baseUrl);
		assertThat(recipient.get(link).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofHours(2));
		assertSameAsNeverExisted(recipient.get(link));
		assertThat(json(owner.method("GET", "/api/v1/shares").body()).get(0).get("state").asString()).isEqualTo("expired");
	}

	@Test
	@DisplayName("STO-2: a revoked link is gone at once and looks exactly like one that never existed; the revocation is logged")
	void revocation() {
		JsonNode created = create(owner, "{\"space\":\"docs\",\"path\":\"Reis\"}");
		String link = created.get("url").asString();
		String id = created.get("share").get("id").asString();
		var recipient = new ShareRecipient(baseUrl);
		HttpResponse<String> folder = recipient.get(link);
		assertThat(folder.statusCode()).isEqualTo(200);
		assertThat(folder.body()).contains("verslag.txt", "fotos/").doesNotContain("geheim");

		assertThat(other.method("DELETE", "/api/v1/shares/" + id).statusCode()).as("not yours").isEqualTo(404);
		assertThat(other.method("GET", "/api/v1/shares/" + id + "/log").statusCode()).isEqualTo(404);
		assertThat(recipient.get(link).statusCode()).isEqualTo(200);

		assertThat(owner.method("DELETE", "/api/v1/shares/" + id).statusCode()).isEqualTo(204);
		assertSameAsNeverExisted(recipient.get(link));
		assertThat(owner.method("DELETE", "/api/v1/shares/" + id).statusCode()).as("revoking again changes nothing").isEqualTo(204);
		JsonNode log = json(owner.method("GET", "/api/v1/shares/" + id + "/log").body());
		assertThat(log.get(log.size() - 1).get("event").asString()).isEqualTo("revoked");
		assertThat(json(owner.method("GET", "/api/v1/shares").body()).get(0).get("state").asString()).isEqualTo("revoked");
	}

	@Test
	@DisplayName("STO-2: a shared folder lists its members and serves files below it, nothing outside it, by node id (no names in URLs); a trashed target makes the link gone")
	void folder() {
		String link = create(owner, "{\"space\":\"docs\",\"path\":\"Reis\"}").get("url").asString();
		var recipient = new ShareRecipient(baseUrl);
		String page = recipient.get(link).body();
		String sub = between(page.substring(page.indexOf("fotos/") - 200), "href=\"", "\"").replace("&amp;", "&");
		assertThat(sub).contains("?folder=").doesNotContain("fotos");
		String subPage = recipient.get(sub).body();
		assertThat(subPage).contains("strand.jpg");
		String photo = between(subPage.substring(subPage.indexOf("strand.jpg") - 200), "href=\"", "\"");
		assertThat(recipient.bytes(photo).body()).containsExactly(1, 2, 3, 4);

		assertThat(recipient.bytes(link + "/files/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(recipient.get(link + "?folder=" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);

		owner.method("DELETE", "/dav/docs/Reis");
		assertSameAsNeverExisted(recipient.get(link));
	}

	@Test
	@DisplayName("STO-2: someone else's space, file or share is not found; malformed requests get a 400 problem saying what is wrong")
	void notYoursAndBadInput() {
		assertThat(post(other, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis/verslag.txt\"}").statusCode()).isEqualTo(404);
		assertThat(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis/nope.txt\"}").statusCode()).isEqualTo(404);
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"docs\"}"), "path");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"\"}"), "path");
		assertBadRequest(post(owner, "/api/v1/shares",
				"{\"space\":\"docs\",\"path\":\"Reis\",\"expiresAt\":\"" + clock.instant().minusSeconds(5) + "\"}"), "expiresAt");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis\",\"downloadLimit\":0}"), "downloadLimit");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis\",\"password\":\" \"}"), "password");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis\",\"manifest\":\"AAAA\"}"), "manifest");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"vault\",\"path\":\"d\",\"manifest\":\"%%%\"}"), "manifest");
		assertThat(post(owner, "/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Reis\",\"expiresAt\":\"tomorrow\"}").statusCode())
			.isEqualTo(400);
		assertThat(post(owner, "/api/v1/shares", "{not json").statusCode()).isEqualTo(400);
		assertThat(owner.method("GET", "/api/v1/shares/not-a-uuid").statusCode()).isEqualTo(400);
	}

	@Test
	@DisplayName("STO-2: a guesser is refused after five wrong passwords, for growing periods, even with the right one, from its whole network")
	void passwordGuessingBlocksTheGuessersNetworkForGrowingPeriods() {
		String link = create(owner, "{\"space\":\"docs\",\"path\":\"Reis/verslag.txt\",\"password\":\"zeven zeeën\"}").get("url").asString();
		var guesser = new ShareRecipient(baseUrl, "198.18.40.7");
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.password(link, "gok " + i).statusCode()).isEqualTo(200);
		}
		assertThat(guesser.password(link, "zeven zeeën").statusCode()).as("blocked, even with the right password")
			.isEqualTo(429);
		assertThat(new ShareRecipient(baseUrl, "198.18.40.99").password(link, "zeven zeeën").statusCode())
			.as("the same /24 network").isEqualTo(429);
		clock.advance(Duration.ofMinutes(2));
		assertThat(guesser.password(link, "gok 5").statusCode()).as("one more try after a minute").isEqualTo(200);
		clock.advance(Duration.ofSeconds(90));
		assertThat(guesser.password(link, "zeven zeeën").statusCode()).as("now blocked for two minutes").isEqualTo(429);
		clock.advance(Duration.ofMinutes(1));
		assertThat(guesser.password(link, "zeven zeeën").statusCode()).isEqualTo(303);
		assertThat(guesser.get(link).body()).contains("share-download");
	}

	@Test
	@DisplayName("STO-2: five wrong passwords from one network do not lock the link: the right password from another network opens it at once")
	void aGuesserDoesNotLockTheLinkForEveryoneElse() {
		String link = create(owner, "{\"space\":\"docs\",\"path\":\"Reis/verslag.txt\",\"password\":\"zeven zeeën\"}").get("url").asString();
		var guesser = new ShareRecipient(baseUrl, "198.18.50.7");
		for (int i = 0; i < 8; i++) {
			guesser.password(link, "gok " + i);
		}
		assertThat(guesser.password(link, "zeven zeeën").statusCode()).isEqualTo(429);
		var recipient = new ShareRecipient(baseUrl, "198.19.51.5");
		assertThat(recipient.password(link, "zeven zeeën").statusCode()).isEqualTo(303);
		assertThat(recipient.get(link).body()).contains("share-download");
		var ipv6 = new ShareRecipient(baseUrl, "2001:db8:52::7");
		assertThat(ipv6.password(link, "zeven zeeën").statusCode()).isEqualTo(303);
	}

	@Test
	@DisplayName("STO-2: a vault share serves only its encrypted manifest and the ciphertext files it lists, never the vault's key files")
	void vaultShare() {
		post(owner, "/api/v1/spaces", "{\"name\":\"kluis2\",\"kind\":\"VAULT\"}");
		owner.put("/dav/kluis2/masterkey.cryptomator", "{\"wrapped\":\"keys\"}".getBytes(StandardCharsets.UTF_8));
		owner.method("MKCOL", "/dav/kluis2/d");
		owner.method("MKCOL", "/dav/kluis2/d/AB");
		owner.method("MKCOL", "/dav/kluis2/d/AB/CDEFGHIJKLMNOPQRSTUVWXYZ234567AB");
		byte[] ciphertext = new byte[68 + 40];
		new java.util.Random(7).nextBytes(ciphertext);
		owner.put("/dav/kluis2/d/AB/CDEFGHIJKLMNOPQRSTUVWXYZ234567AB/bmFhbQ==.c9r", ciphertext);
		byte[] manifest = "opaque encrypted manifest".getBytes(StandardCharsets.UTF_8);
		String file = "d/AB/CDEFGHIJKLMNOPQRSTUVWXYZ234567AB/bmFhbQ==.c9r";

		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"kluis2\",\"path\":\"" + file + "\",\"manifest\":\""
				+ Base64.getEncoder().encodeToString(manifest) + "\",\"files\":[\"masterkey.cryptomator\"]}"), "files");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"kluis2\",\"path\":\"" + file + "\",\"manifest\":\""
				+ Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]) + "\",\"files\":[]}"), "manifest");
		assertBadRequest(post(owner, "/api/v1/shares", "{\"space\":\"kluis2\",\"path\":\"" + file + "\"}"), "manifest");
		JsonNode created = create(owner, "{\"space\":\"kluis2\",\"path\":\"" + file + "\",\"manifest\":\""
				+ Base64.getEncoder().encodeToString(manifest) + "\",\"files\":[\"" + file + "\"]}");
		assertThat(created.get("share").get("encrypted").asBoolean()).isTrue();
		String link = created.get("url").asString();
		var recipient = new ShareRecipient(baseUrl);
		HttpResponse<String> page = recipient.get(link);
		assertThat(page.body()).contains("share-app", "/js/storage/share.js");
		assertThat(recipient.bytes(link + "/manifest").body()).isEqualTo(manifest);
		assertThat(recipient.bytes(link + "/blobs/0").body()).isEqualTo(ciphertext);
		assertThat(recipient.bytes(link + "/blobs/1").statusCode()).isEqualTo(404);
		assertThat(recipient.bytes(link + "/files/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	// ---- helpers ------------------------------------------------------------------------------

	/** Status, headers and body equal those of a token that never existed (but for the session's CSRF token and Date). */
	private void assertSameAsNeverExisted(HttpResponse<String> response) {
		var stranger = new ShareRecipient(baseUrl);
		byte[] random = new byte[32];
		new java.security.SecureRandom().nextBytes(random);
		HttpResponse<String> never = stranger.get("/s/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(never.statusCode()).isEqualTo(404);
		assertThat(normalised(response.body())).isEqualTo(normalised(never.body()));
		assertThat(headers(response)).isEqualTo(headers(never));
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	private static String normalised(String body) {
		// The session's CSRF token and the page's own address (the cookie banner returns there) differ by nature.
		return body.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"")
			.replaceAll("/s/[A-Za-z0-9_-]{43}", "/s/TOKEN");
	}

	private static Map<String, List<String>> headers(HttpResponse<String> response) {
		var headers = new TreeMap<String, List<String>>(response.headers().map());
		headers.remove("date");
		headers.remove("set-cookie");
		headers.remove("content-length");
		return headers;
	}

	private static void assertBadRequest(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		assertThat(response.body()).contains("\"" + field + "\"");
	}

	private static String between(String text, String start, String end) {
		int from = text.indexOf(start);
		assertThat(from).as("'" + start + "' in the page").isNotNegative();
		from += start.length();
		return text.substring(from, text.indexOf(end, from));
	}

	private JsonNode create(DavClient client, String body) {
		HttpResponse<String> response = post(client, "/api/v1/shares", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response.body());
	}

	private static HttpResponse<String> post(DavClient client, String path, String body) {
		return client.send(client.request("POST", path, BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}
}
