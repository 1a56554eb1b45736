package io.kluis.storage.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestServer;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.storage.DavClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
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
 * STO-2 shares to another customer over the API (app passwords), as owner, recipient and a third
 * customer use it: sharing key pairs, looking a recipient up by address (the same 404 for every
 * address that cannot receive, limited per hour), plain and vault shares, "shared with me", revocation
 * effective at once, the owner's log, and 404 for anything not shared with the caller.
 */
@KluisServerTest
@Import(TestClock.class)
@TestPropertySource(properties = TestClock.OFFSET + "=-12h")
@DirtiesContext // moves the clock: a context of its own, not ShareLinksServerTests'
class PeerShareServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	MutableClock clock;

	TestAccounts testAccounts;

	TestAccounts.Known ownerAccount;

	TestAccounts.Known recipientAccount;

	DavClient owner;

	DavClient recipient;

	DavClient third;

	@BeforeEach
	void customers() {
		testAccounts = TestAccounts.in(context);
		ownerAccount = testAccounts.verified();
		owner = client(ownerAccount);
		recipientAccount = testAccounts.verified();
		recipient = client(recipientAccount);
		third = client(testAccounts.verified());
		post(owner, "/api/v1/spaces", "{\"name\":\"docs\",\"kind\":\"PLAIN\"}");
		owner.method("MKCOL", "/dav/docs/Reis");
		owner.put("/dav/docs/Reis/verslag.txt", "Dag 1: aangekomen.".getBytes(StandardCharsets.UTF_8));
		owner.method("MKCOL", "/dav/docs/Reis/fotos");
		owner.put("/dav/docs/Reis/fotos/strand.jpg", new byte[] { 1, 2, 3, 4 });
		owner.put("/dav/docs/geheim.txt", "niet gedeeld".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	@DisplayName("STO-2: a plain folder shared with a customer: they see it under shared with me with the owner's address, list and download inside it only; the owner sees who has access; revoked, it is 404 at once; the log names events and truncated networks")
	void plainFolderSharedWithACustomer() {
		publishKey(recipient);
		assertThat(post(owner, "/api/v1/shares/recipients", "{\"email\":\"" + recipientAccount.email() + "\"}").statusCode())
			.isEqualTo(200);
		JsonNode created = create(owner, "{\"space\":\"docs\",\"path\":\"Reis\",\"recipient\":\"" + recipientAccount.email() + "\"}");
		String id = created.get("id").asString();
		assertThat(created.get("recipient").asString()).isEqualTo(recipientAccount.email());
		assertThat(created.get("state").asString()).isEqualTo("active");
		assertThat(created.get("encrypted").asBoolean()).isFalse();
		assertThat(json(owner.method("GET", "/api/v1/shares/customers").body()).get(0).get("recipient").asString())
			.as("the owner sees who has access").isEqualTo(recipientAccount.email());

		JsonNode received = json(recipient.method("GET", "/api/v1/shares/received").body());
		assertThat(received).hasSize(1);
		assertThat(received.get(0).get("owner").asString()).isEqualTo(ownerAccount.email());
		assertThat(received.get(0).get("name").asString()).isEqualTo("Reis");
		assertThat(received.get(0).get("folder").asBoolean()).isTrue();

		HttpResponse<String> members = send(recipient, "GET", "/api/v1/shares/received/" + id + "/members", "198.51.100.77");
		assertThat(members.statusCode()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		json(members.body()).forEach(m -> names.add(m.get("name").asString()));
		assertThat(names).containsExactlyInAnyOrder("verslag.txt", "fotos").doesNotContain("geheim.txt");
		String fotos = find(json(members.body()), "fotos").get("id").asString();
		String verslag = find(json(members.body()), "verslag.txt").get("id").asString();
		JsonNode sub = json(recipient.method("GET", "/api/v1/shares/received/" + id + "/members?folder=" + fotos).body());
		assertThat(sub.get(0).get("name").asString()).isEqualTo("strand.jpg");
		HttpResponse<byte[]> file = recipient.sendForBytes(recipient.request("GET", "/api/v1/shares/received/" + id + "/files/" + verslag,
				BodyPublishers.noBody()).setHeader(TestServer.X_FORWARDED_FOR, "198.51.100.77"));
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo("Dag 1: aangekomen.");
		assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''verslag.txt");
		assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		// Not shared with them: the third customer, and anything outside the folder, is 404.
		assertThat(json(third.method("GET", "/api/v1/shares/received").body())).isEmpty();
		assertThat(third.method("GET", "/api/v1/shares/received/" + id + "/members").statusCode()).isEqualTo(404);
		assertThat(third.get("/api/v1/shares/received/" + id + "/files/" + verslag).statusCode()).isEqualTo(404);
		assertThat(third.method("DELETE", "/api/v1/shares/customers/" + id).statusCode()).isEqualTo(404);
		assertThat(recipient.method("DELETE", "/api/v1/shares/customers/" + id).statusCode()).as("the recipient cannot revoke").isEqualTo(404);
		assertThat(third.method("GET", "/api/v1/shares/customers/" + id + "/log").statusCode()).isEqualTo(404);
		assertThat(recipient.get("/api/v1/shares/received/" + id + "/files/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(recipient.method("GET", "/api/v1/shares/received/" + id + "/manifest").statusCode()).as("no manifest for plain content")
			.isEqualTo(404);

		assertThat(owner.method("DELETE", "/api/v1/shares/customers/" + id).statusCode()).isEqualTo(204);
		assertThat(json(recipient.method("GET", "/api/v1/shares/received").body())).isEmpty();
		assertThat(recipient.method("GET", "/api/v1/shares/received/" + id + "/members").statusCode()).isEqualTo(404);
		assertThat(recipient.get("/api/v1/shares/received/" + id + "/files/" + verslag).statusCode()).isEqualTo(404);
		assertThat(owner.method("DELETE", "/api/v1/shares/customers/" + id).statusCode()).as("revoking again changes nothing").isEqualTo(204);
		assertThat(json(owner.method("GET", "/api/v1/shares/customers/" + id).body()).get("state").asString()).isEqualTo("revoked");

		JsonNode log = json(owner.method("GET", "/api/v1/shares/customers/" + id + "/log").body());
		List<String> events = new ArrayList<>();
		log.forEach(e -> events.add(e.get("event").asString()));
		assertThat(events).containsExactly("created", "accessed", "downloaded", "revoked");
		assertThat(log.get(1).get("network").asString()).isEqualTo("198.51.100.0/24");
		assertThat(log.toString()).doesNotContain("198.51.100.77").doesNotContain(recipientAccount.email());
	}

	@Test
	@DisplayName("STO-2: a vault share to a customer carries the encrypted manifest and the manifest key wrapped for their key, checked by fingerprint; the recipient gets exactly those bytes and the listed ciphertext, nothing else")
	void vaultShareCarriesTheWrappedKey() {
		String fingerprint = publishKey(recipient);
		owner.put("/dav/vault/masterkey.cryptomator", "{\"wrapped\":\"keys\"}".getBytes(StandardCharsets.UTF_8));
		owner.method("MKCOL", "/dav/vault/d");
		owner.method("MKCOL", "/dav/vault/d/AB");
		owner.method("MKCOL", "/dav/vault/d/AB/CDEFGHIJKLMNOPQRSTUVWXYZ234567AB");
		byte[] ciphertext = new byte[68 + 40];
		new java.util.Random(7).nextBytes(ciphertext);
		String file = "d/AB/CDEFGHIJKLMNOPQRSTUVWXYZ234567AB/bmFhbQ==.c9r";
		owner.put("/dav/vault/" + file, ciphertext);
		byte[] manifest = "opaque encrypted manifest".getBytes(StandardCharsets.UTF_8);
		byte[] wrapped = new byte[125];
		new java.util.Random(9).nextBytes(wrapped);
		JsonNode lookup = json(post(owner, "/api/v1/shares/recipients", "{\"email\":\"" + recipientAccount.email() + "\"}").body());
		assertThat(lookup.get("fingerprint").asString()).isEqualTo(fingerprint).matches("([0-9a-f]{4} ){7}[0-9a-f]{4}");
		String common = "{\"space\":\"vault\",\"path\":\"" + file + "\",\"recipient\":\"" + recipientAccount.email()
				+ "\",\"manifest\":\"" + b64(manifest) + "\",\"files\":[\"" + file + "\"]";

		assertBadRequest(post(owner, "/api/v1/shares/customers", common + ",\"recipientKey\":\"" + fingerprint + "\"}"), "wrappedKey");
		assertBadRequest(post(owner, "/api/v1/shares/customers", common + ",\"recipientKey\":\"" + fingerprint
				+ "\",\"wrappedKey\":\"" + b64(new byte[40]) + "\"}"), "wrappedKey");
		assertThat(post(owner, "/api/v1/shares/customers", common + ",\"recipientKey\":\"0000 0000\",\"wrappedKey\":\""
				+ b64(wrapped) + "\"}").statusCode()).as("wrapped for another key").isEqualTo(409);
		assertBadRequest(post(owner, "/api/v1/shares/customers", "{\"space\":\"vault\",\"path\":\"" + file + "\",\"recipient\":\""
				+ recipientAccount.email() + "\",\"manifest\":\"" + b64(manifest) + "\",\"files\":[\"masterkey.cryptomator\"],"
				+ "\"recipientKey\":\"" + fingerprint + "\",\"wrappedKey\":\"" + b64(wrapped) + "\"}"), "files");
		JsonNode created = create(owner, common + ",\"recipientKey\":\"" + fingerprint + "\",\"wrappedKey\":\"" + b64(wrapped) + "\"}");
		assertThat(created.get("encrypted").asBoolean()).isTrue();
		String id = created.get("id").asString();

		JsonNode received = json(recipient.method("GET", "/api/v1/shares/received").body()).get(0);
		assertThat(received.get("encrypted").asBoolean()).isTrue();
		assertThat(received.get("name").isNull()).as("a vault's names are in its manifest").isTrue();
		JsonNode sealed = json(recipient.method("GET", "/api/v1/shares/received/" + id + "/manifest").body());
		assertThat(Base64.getDecoder().decode(sealed.get("manifest").asString())).isEqualTo(manifest);
		assertThat(Base64.getDecoder().decode(sealed.get("wrappedKey").asString())).isEqualTo(wrapped);
		assertThat(recipient.get("/api/v1/shares/received/" + id + "/blobs/0").body()).isEqualTo(ciphertext);
		assertThat(recipient.get("/api/v1/shares/received/" + id + "/blobs/1").statusCode()).isEqualTo(404);
		assertThat(third.get("/api/v1/shares/received/" + id + "/blobs/0").statusCode()).isEqualTo(404);
		assertThat(third.method("GET", "/api/v1/shares/received/" + id + "/manifest").statusCode()).isEqualTo(404);

		owner.method("DELETE", "/api/v1/shares/customers/" + id);
		assertThat(recipient.get("/api/v1/shares/received/" + id + "/blobs/0").statusCode()).isEqualTo(404);
		assertThat(recipient.method("GET", "/api/v1/shares/received/" + id + "/manifest").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("STO-2: an unknown address, a customer without a sharing key and your own address get the same 404; bad keys and input get a 400 problem naming the field; a second key pair is refused; lookups are limited per hour")
	void lookupsKeysAndBadInput() {
		publishKey(owner);
		var withoutKey = testAccounts.verified();
		HttpResponse<String> unknown = post(owner, "/api/v1/shares/recipients", "{\"email\":\"" + TestAccounts.uniqueEmail("nobody") + "\"}");
		HttpResponse<String> keyless = post(owner, "/api/v1/shares/recipients", "{\"email\":\"" + withoutKey.email() + "\"}");
		HttpResponse<String> self = post(owner, "/api/v1/shares/recipients", "{\"email\":\"" + ownerAccount.email() + "\"}");
		assertThat(List.of(unknown, keyless, self)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(404));
		assertThat(keyless.body()).isEqualTo(unknown.body()).isEqualTo(self.body()).doesNotContain(withoutKey.email());
		assertThat(post(owner, "/api/v1/shares/customers", "{\"space\":\"docs\",\"path\":\"Reis\",\"recipient\":\"" + withoutKey.email() + "\"}")
			.statusCode()).isEqualTo(404);

		assertBadRequest(post(owner, "/api/v1/shares/recipients", "{\"email\":\"not an address\"}"), "recipient");
		assertBadRequest(post(owner, "/api/v1/shares/customers", "{\"space\":\"docs\",\"path\":\"Reis\"}"), "recipient");
		assertBadRequest(post(owner, "/api/v1/shares/customers", "{\"space\":\"docs\"}"), "path");
		assertBadRequest(post(owner, "/api/v1/shares/customers", "{\"space\":\"docs\",\"path\":\"Reis\",\"manifest\":\"AAAA\",\"recipient\":\"a@b.cd\"}"),
				"manifest");
		assertThat(post(third, "/api/v1/shares/customers", "{\"space\":\"docs\",\"path\":\"Reis\",\"recipient\":\"" + ownerAccount.email() + "\"}")
			.statusCode()).as("not your space").isEqualTo(404);
		assertThat(post(owner, "/api/v1/shares/customers", "{not json").statusCode()).isEqualTo(400);

		assertBadRequest(put(third, "/api/v1/shares/key", "{\"space\":\"vault\",\"publicKey\":\"" + b64(new byte[65])
				+ "\",\"wrappedPrivateKey\":\"" + b64(new byte[166]) + "\"}"), "publicKey");
		assertBadRequest(put(third, "/api/v1/shares/key", "{\"space\":\"vault\",\"publicKey\":\"" + b64(point())
				+ "\",\"wrappedPrivateKey\":\"" + b64(new byte[4]) + "\"}"), "wrappedPrivateKey");
		assertBadRequest(put(third, "/api/v1/shares/key", "{\"space\":\"vault\",\"publicKey\":\"%%\"}"), "publicKey");
		post(third, "/api/v1/spaces", "{\"name\":\"gewoon\",\"kind\":\"PLAIN\"}");
		assertBadRequest(put(third, "/api/v1/shares/key", "{\"space\":\"gewoon\",\"publicKey\":\"" + b64(point())
				+ "\",\"wrappedPrivateKey\":\"" + b64(new byte[166]) + "\"}"), "space");
		assertThat(third.method("GET", "/api/v1/shares/key").statusCode()).isEqualTo(404);
		assertThat(put(owner, "/api/v1/shares/key", "{\"space\":\"vault\",\"publicKey\":\"" + b64(point())
				+ "\",\"wrappedPrivateKey\":\"" + b64(new byte[166]) + "\"}").statusCode()).as("never replaced silently").isEqualTo(409);

		for (int i = 0; i < RecipientLookups.PER_HOUR; i++) {
			post(third, "/api/v1/shares/recipients", "{\"email\":\"" + TestAccounts.uniqueEmail("probe") + "\"}");
		}
		HttpResponse<String> limited = post(third, "/api/v1/shares/recipients", "{\"email\":\"" + ownerAccount.email() + "\"}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).doesNotContain(ownerAccount.email());
		clock.advance(Duration.ofMinutes(61));
		assertThat(post(third, "/api/v1/shares/recipients", "{\"email\":\"" + ownerAccount.email() + "\"}").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("STO-2: the hourly recipient-lookup limit holds under parallel requests: exactly 30 of 40 are answered, the rest 429")
	void recipientLookupsAreLimitedUnderParallelRequests() throws Exception {
		DavClient prober = client(testAccounts.verified());
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < 40; i++) {
			String body = "{\"email\":\"" + TestAccounts.uniqueEmail("parallel") + "\"}";
			answers.add(java.util.concurrent.CompletableFuture.supplyAsync(
					() -> post(prober, "/api/v1/shares/recipients", body), pool));
		}
		int limited = 0;
		for (var answer : answers) {
			int status = answer.get(2, java.util.concurrent.TimeUnit.MINUTES).statusCode();
			assertThat(status).isIn(404, 429);
			limited += status == 429 ? 1 : 0;
		}
		pool.shutdown();
		assertThat(limited).isEqualTo(40 - RecipientLookups.PER_HOUR);
	}

	// ---- helpers ------------------------------------------------------------------------------

	/** Publishes a fresh P-256 public key (the private key wrapped is random here: the server cannot tell) and returns its fingerprint. */
	private String publishKey(DavClient client) {
		byte[] point = point();
		HttpResponse<String> response = put(client, "/api/v1/shares/key", "{\"space\":\"vault\",\"publicKey\":\"" + b64(point)
				+ "\",\"wrappedPrivateKey\":\"" + b64(new byte[166]) + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode key = json(client.method("GET", "/api/v1/shares/key").body());
		assertThat(key.get("space").asString()).isEqualTo("vault");
		assertThat(key.get("fingerprint").asString()).isEqualTo(SharingKey.fingerprint(point));
		return key.get("fingerprint").asString();
	}

	private static byte[] point() {
		return SharingKeyFixtures.point();
	}

	private DavClient client(TestAccounts.Known known) {
		return new DavClient(baseUrl, known.email(), appPasswords.create(known.id(), "api", EnumSet.allOf(AppPasswordScope.class)).secret());
	}

	private static JsonNode find(JsonNode array, String name) {
		for (JsonNode node : array) {
			if (node.get("name").asString().equals(name)) {
				return node;
			}
		}
		throw new AssertionError("no " + name);
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static void assertBadRequest(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
		assertThat(response.body()).contains("\"" + field + "\"");
	}

	private JsonNode create(DavClient client, String body) {
		HttpResponse<String> response = post(client, "/api/v1/shares/customers", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response.body());
	}

	private static HttpResponse<String> send(DavClient client, String method, String path, String address) {
		return client.send(client.request(method, path, BodyPublishers.noBody()).setHeader(TestServer.X_FORWARDED_FOR, address));
	}

	private static HttpResponse<String> post(DavClient client, String path, String body) {
		return client.send(client.request("POST", path, BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
	}

	private static HttpResponse<String> put(DavClient client, String path, String body) {
		return client.send(client.request("PUT", path, BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}
}
