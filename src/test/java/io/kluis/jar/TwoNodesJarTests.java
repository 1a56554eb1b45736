package io.kluis.jar;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.Mailbox;
import io.kluis.TestServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8, acceptance 2 (ARCHITECTURE.md, "Scaling out"): two nodes started from the packaged jar,
 * configured as the README's Production section says — the {@code prod} profile behind a TLS
 * proxy, one PostgreSQL database, one blob directory, the same master key in
 * {@code KLUIS_MASTER_KEY}, one key store directory ({@code KLUIS_KEY_STORE_DIR}), SMTP — serve the same customers. Every step goes to one node and is
 * checked on the other: a session, a WebDAV lock, a file, a resumable upload split across the
 * nodes, and the revocation of an app password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ScratchDatabase.Reachable.class)
class TwoNodesJarTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PASSWORD = "harbour violin glacier tulip";

	ScratchDatabase database;

	KluisNode a;

	KluisNode b;

	final Client client = new Client(TestServer.uniqueClientAddress());

	final String email = "two-nodes-" + UUID.randomUUID() + "@example.org";

	String secret;

	@BeforeAll
	void startTwoNodes() throws Exception {
		database = new ScratchDatabase();
		Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "two-nodes-");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		var environment = new HashMap<String, String>(Map.of("SPRING_PROFILES_ACTIVE", "prod",
				"KLUIS_DB_URL", database.url(), "KLUIS_DB_USER", "postgres", "KLUIS_DB_PASSWORD", "",
				"KLUIS_MASTER_KEY", "cluster:" + Base64.getEncoder().encodeToString(key),
				"KLUIS_BEHIND_TLS_PROXY", "true", "KLUIS_FORWARD_HEADERS_STRATEGY", "native",
				"KLUIS_BASE_URL", "https://panel.example.nl",
				"KLUIS_STORAGE_BLOBS_DIRECTORY", root.resolve("blobs").toString()));
		// One key store for both nodes (epoch keys, outside the database), as the README says.
		environment.put("KLUIS_KEY_STORE_DIR", root.resolve("keys").toString());
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", Integer.toString(Mailbox.port()));
		// The prod profile needs a real payment provider; nothing here pays, so the key is never used.
		environment.put("KLUIS_BILLING_MOLLIE_API_KEY", "test_unusedInTheseTestsAAAAAAAAAAAAA");
		// Each node has a data directory of its own: what they share is only what the README says.
		a = KluisNode.start(root.resolve("node-a"), with(environment, "KLUIS_DATA_DIR", root.resolve("node-a/data")));
		b = KluisNode.start(root.resolve("node-b"), with(environment, "KLUIS_DATA_DIR", root.resolve("node-b/data")));
	}

	@AfterAll
	void stop() throws Exception {
		try {
			if (a != null) {
				a.close();
			}
			if (b != null) {
				b.close();
			}
		}
		finally {
			if (database != null) {
				database.close();
			}
		}
	}

	@Test
	@Order(1)
	@DisplayName("a customer registered on one node verifies on the other and makes an app password there")
	void registrationAcrossNodes() {
		var registration = client.json(a, "POST", "/api/v1/accounts", JSON.writeValueAsString(Map.of("email", email,
				"password", PASSWORD, "firstName", "Sanne", "lastName", "Bakker", "street", "Damrak 1", "postalCode",
				"1012 LG", "city", "Amsterdam", "country", "NL", "dateOfBirth", "1988-03-04", "language", "nl")));
		assertThat(registration.statusCode()).as(Client.text(registration)).isEqualTo(202);
		String token = Mailbox.token(Mailbox.awaitMail(email, 1), "/verify");
		assertThat(client.json(b, "POST", "/api/v1/accounts/verification", "{\"token\":\"" + token + "\"}").statusCode())
			.isEqualTo(204);
		var created = client.json(b, "POST", "/api/v1/app-passwords", "{\"name\":\"two nodes\",\"scopes\":[\"files\",\"api:write\"]}", "Authorization",
				Client.basic(email, PASSWORD));
		assertThat(created.statusCode()).as(Client.text(created)).isEqualTo(201);
		secret = JSON.readTree(created.body()).get("secret").asString();
		var space = client.json(a, "POST", "/api/v1/spaces", "{\"name\":\"cluster\",\"kind\":\"PLAIN\"}", "Authorization",
				auth());
		assertThat(space.statusCode()).as(Client.text(space)).isEqualTo(201);
	}

	@Test
	@Order(2)
	@DisplayName("a session begun on one node is the same session on the other")
	void sessionAcrossNodes() {
		var login = client.submitForm(a, "/login", "/login", Map.of("email", email, "password", PASSWORD));
		assertThat(login.statusCode()).as("login on node A").isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		var panel = client.send(client.request(b, "/panel").header("Accept", "text/html").GET());
		assertThat(panel.statusCode()).as("the panel on node B with node A's session cookie").isEqualTo(200);
		assertThat(Client.text(panel)).contains("logout");
		var logout = client.submitForm(b, "/panel", "/logout", Map.of());
		assertThat(logout.statusCode()).as("logout on node B").isEqualTo(302);
		var afterwards = client.send(client.request(a, "/panel").header("Accept", "text/html").GET());
		assertThat(afterwards.statusCode()).as("node A after the logout on node B").isEqualTo(302);
		assertThat(afterwards.headers().firstValue("Location").orElse("")).contains("/login");
	}

	@Test
	@Order(3)
	@DisplayName("a file written through one node is read through the other, byte for byte")
	void fileAcrossNodes() {
		byte[] content = bytes(7, 3 * 1024 * 1024 + 17);
		var put = client.send(a, "PUT", "/dav/cluster/report.bin", BodyPublishers.ofByteArray(content), "Authorization",
				auth());
		assertThat(put.statusCode()).isEqualTo(201);
		var get = client.send(b, "GET", "/dav/cluster/report.bin", BodyPublishers.noBody(), "Authorization", auth());
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(sha256(get.body())).isEqualTo(sha256(content));
	}

	@Test
	@Order(4)
	@DisplayName("a WebDAV lock taken on one node holds on the other")
	void lockAcrossNodes() {
		assertThat(client.send(a, "PUT", "/dav/cluster/locked.txt", BodyPublishers.ofString("v1"), "Authorization",
				auth()).statusCode()).isEqualTo(201);
		var lock = client.send(a, "LOCK", "/dav/cluster/locked.txt", BodyPublishers.ofString("""
				<?xml version="1.0" encoding="utf-8"?>
				<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>
				<D:locktype><D:write/></D:locktype><D:owner>two nodes</D:owner></D:lockinfo>"""), "Authorization", auth(),
				"Content-Type", "application/xml", "Timeout", "Second-600");
		assertThat(lock.statusCode()).isEqualTo(200);
		String token = lock.headers().firstValue("Lock-Token").orElseThrow();
		var refused = client.send(b, "PUT", "/dav/cluster/locked.txt", BodyPublishers.ofString("v2"), "Authorization",
				auth());
		assertThat(refused.statusCode()).as("a write without the lock token on node B").isEqualTo(423);
		var allowed = client.send(b, "PUT", "/dav/cluster/locked.txt", BodyPublishers.ofString("v2"), "Authorization",
				auth(), "If", "(" + token + ")");
		assertThat(allowed.statusCode()).as("a write with the lock token on node B").isEqualTo(204);
		assertThat(client.send(b, "UNLOCK", "/dav/cluster/locked.txt", BodyPublishers.noBody(), "Authorization", auth(),
				"Lock-Token", token).statusCode()).isEqualTo(204);
		var get = client.send(a, "GET", "/dav/cluster/locked.txt", BodyPublishers.noBody(), "Authorization", auth());
		assertThat(Client.text(get)).isEqualTo("v2");
	}

	@Test
	@Order(5)
	@DisplayName("a resumable upload begun on one node is continued and completed on the other")
	void resumableUploadAcrossNodes() {
		byte[] content = bytes(11, 20 * 1024 * 1024 + 5);
		var begin = client.json(a, "POST", "/api/v1/uploads", JSON.writeValueAsString(Map.of("space", "cluster", "path",
				"split.bin", "length", content.length)), "Authorization", auth());
		assertThat(begin.statusCode()).as(Client.text(begin)).isEqualTo(201);
		String location = begin.headers().firstValue("Location").orElseThrow();
		String path = location.startsWith("http") ? location.substring(location.indexOf("/api/")) : location;
		int half = content.length / 2;
		assertThat(patch(a, path, content, 0, half).statusCode()).isEqualTo(204);
		var head = client.send(b, "HEAD", path, BodyPublishers.noBody(), "Authorization", auth());
		assertThat(head.headers().firstValue("Upload-Offset")).as("node B knows where node A stopped").contains("" + half);
		assertThat(patch(b, path, content, half, content.length).statusCode()).isEqualTo(204);
		var complete = client.send(a, "POST", path + "/complete", BodyPublishers.noBody(), "Authorization", auth());
		assertThat(complete.statusCode()).as(Client.text(complete)).isIn(201, 204);
		var get = client.send(b, "GET", "/dav/cluster/split.bin", BodyPublishers.noBody(), "Authorization", auth());
		assertThat(sha256(get.body())).isEqualTo(sha256(content));
	}

	@Test
	@Order(6)
	@DisplayName("an app password revoked on one node is refused by the other at once")
	void revocationAcrossNodes() {
		var created = client.json(a, "POST", "/api/v1/app-passwords", "{\"name\":\"to revoke\",\"scopes\":[\"files\",\"api:write\"]}", "Authorization",
				Client.basic(email, PASSWORD));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode appPassword = JSON.readTree(created.body());
		String revoked = Client.basic(email, appPassword.get("secret").asString());
		// both nodes have seen it work (and may remember that)
		assertThat(client.send(a, "PROPFIND", "/dav/cluster/", BodyPublishers.noBody(), "Authorization", revoked, "Depth",
				"0").statusCode()).isEqualTo(207);
		assertThat(client.send(b, "PROPFIND", "/dav/cluster/", BodyPublishers.noBody(), "Authorization", revoked, "Depth",
				"0").statusCode()).isEqualTo(207);
		var delete = client.send(a, "DELETE", "/api/v1/app-passwords/" + appPassword.get("id").asString(),
				BodyPublishers.noBody(), "Authorization", auth());
		assertThat(delete.statusCode()).as(Client.text(delete)).isEqualTo(204);
		assertThat(client.send(b, "PROPFIND", "/dav/cluster/", BodyPublishers.noBody(), "Authorization", revoked, "Depth",
				"0").statusCode()).as("node B right after the revocation on node A").isEqualTo(401);
	}

	private HttpResponse<byte[]> patch(KluisNode node, String path, byte[] content, int from, int to) {
		return client.send(node, "PATCH", path, BodyPublishers.ofByteArray(Arrays.copyOfRange(content, from, to)),
				"Authorization", auth(), "Upload-Offset", Integer.toString(from), "Content-Type",
				"application/offset+octet-stream");
	}

	private String auth() {
		return Client.basic(email, secret);
	}

	private static Map<String, String> with(Map<String, String> environment, String name, Path value) {
		var copy = new HashMap<>(environment);
		copy.put(name, value.toString());
		return copy;
	}

	private static byte[] bytes(long seed, int size) {
		byte[] content = new byte[size];
		var random = new SplittableRandom(seed);
		for (int i = 0; i < size; i++) {
			content[i] = (byte) random.nextInt();
		}
		return content;
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
