package io.kluis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Mailbox;
import io.kluis.TestDatabase;
import io.kluis.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4, acceptance 3: Kluis runs as its own JVM (the test class path, the embedded H2 file
 * database or the test PostgreSQL), is killed with SIGKILL in the middle of 50 WebDAV uploads and
 * started again on the same data directory. Every upload answered 201/204 before the kill is there
 * byte for byte, no file is torn (each present file is one whole version), usage equals the sizes of
 * the live and trashed files, and after the start-up sweep the blob files are exactly the rows'.
 * <p>
 * Ten uploads are held half-sent until the kill, so some are certainly in flight; the others run
 * eight at a time and the kill comes once twenty have been acknowledged. The customer is made the
 * way a real one is: registration over the API, the token from the mail (GreenMail), an app
 * password made with the account password.
 */
@Tag("database")
@ExtendWith(TestDatabase.class)
class KillDuringUploadsServerTests {

	static final int UPLOADS = 50;

	static final int HELD = 10;

	static final int OVERWRITES = 5;

	static final String PASSWORD = "glacier tulip harbour violin";

	static final JsonMapper JSON = JsonMapper.builder().build();

	Path dataDir;

	Process server;

	int port;

	String email;

	String secret;

	final String address = TestServer.uniqueClientAddress();

	HttpClient http;

	@AfterEach
	void stopServer() throws InterruptedException {
		if (server != null && server.isAlive()) {
			server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	@DisplayName("kill -9 in the middle of 50 uploads loses no acknowledged file, leaves no torn file, keeps usage = sum of files, and the start-up sweep leaves no orphan blob")
	void killDuringUploads() throws Exception {
		dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "kill-");
		port = freePort();
		start(1, Map.of());
		customerWithAppPasswordAndSpace();

		// before: five files the batch overwrites, and two in the trash
		var versions = new HashMap<String, List<byte[]>>();
		for (int k = 0; k < OVERWRITES; k++) {
			byte[] first = content(1000 + k, 100_000 + k);
			assertThat(put("existing-" + k + ".bin", first).statusCode()).isEqualTo(201);
			versions.put("existing-" + k + ".bin", new ArrayList<>(List.of(first)));
		}
		for (int k = 0; k < 2; k++) {
			assertThat(put("trashed-" + k + ".bin", content(2000 + k, 50_000)).statusCode()).isEqualTo(201);
			assertThat(send("DELETE", "/dav/crash/trashed-" + k + ".bin").statusCode()).isEqualTo(204);
		}

		// the batch
		var acknowledged = ConcurrentHashMap.<String>newKeySet();
		var enoughAcknowledged = new CountDownLatch(20);
		var killed = new CountDownLatch(1);
		var quick = java.util.concurrent.Executors.newFixedThreadPool(8);
		var inFlight = java.util.concurrent.Executors.newFixedThreadPool(HELD);
		var uploads = new ArrayList<CompletableFuture<Void>>();
		for (int i = 0; i < UPLOADS; i++) {
			boolean held = i < HELD;
			boolean overwrite = !held && i < HELD + OVERWRITES;
			String name = overwrite ? "existing-" + (i - HELD) + ".bin" : "upload-" + i + ".bin";
			var random = new SplittableRandom(i);
			int size = held ? 4 * 1024 * 1024 + random.nextInt(4 * 1024 * 1024) : random.nextInt(2 * 1024 * 1024);
			byte[] body = content(i, size);
			versions.computeIfAbsent(name, n -> new ArrayList<>()).add(body);
			Runnable upload = () -> {
				try {
					var response = held ? putHeld(name, body, killed) : put(name, body);
					if (response.statusCode() == 201 || response.statusCode() == 204) {
						acknowledged.add(name);
						enoughAcknowledged.countDown();
					}
				}
				catch (UncheckedIOException e) {
					// the server died under it: not acknowledged
				}
			};
			uploads.add(held ? CompletableFuture.runAsync(upload, inFlight) : CompletableFuture.runAsync(upload, quick));
		}
		assertThat(enoughAcknowledged.await(2, TimeUnit.MINUTES)).as("20 uploads acknowledged").isTrue();
		server.destroyForcibly(); // SIGKILL on Linux
		assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
		killed.countDown();
		CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		quick.shutdown();
		inFlight.shutdown();
		assertThat(acknowledged).as("some but not all uploads were acknowledged before the kill")
			.hasSizeBetween(20, UPLOADS - HELD);

		// after: the same data directory, abandoned uploads swept at once
		start(2, Map.of("kluis.storage.unfinished-upload-age", "1s"));
		long present = 0;
		for (var entry : versions.entrySet()) {
			String name = entry.getKey();
			var response = get(name);
			List<byte[]> whole = entry.getValue();
			if (acknowledged.contains(name)) {
				assertThat(response.statusCode()).as("acknowledged " + name).isEqualTo(200);
				assertThat(sha256(response.body())).as("acknowledged " + name).isEqualTo(sha256(whole.get(whole.size() - 1)));
			}
			if (response.statusCode() == 200) {
				assertThat(whole.stream().map(KillDuringUploadsServerTests::sha256))
					.as(name + " is one whole version, not torn").contains(sha256(response.body()));
				present += response.body().length;
			}
			else {
				assertThat(response.statusCode()).as(name).isEqualTo(404);
			}
		}
		assertThat(listing()).as("no file the test did not write").isSubsetOf(versions.keySet());

		long trashed = api("/api/v1/spaces/crash/trash").valueStream().mapToLong(item -> item.get("size").asLong()).sum();
		assertThat(trashed).isEqualTo(100_000L);
		assertThat(api("/api/v1/storage").get("usedBytes").asLong()).as("usage = live + trashed files")
			.isEqualTo(present + trashed);

		String account = api("/api/v1/me").get("id").asString();
		try (Connection db = database()) {
			assertThat(smallWithoutContents(db, account)).as("every small file's contents are in the database").isEmpty();
			assertThat(blobFiles()).as("right after the restart every blob file has a row or a journal entry")
				.isSubsetOf(union(rowBlobs(db, account), journal(db)));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(blobFiles()).as("after the start-up sweep, blob files = the rows' blobs")
					.isEqualTo(rowBlobs(db, account));
				assertThat(temporaryFiles()).as("no temporary upload data left").isEmpty();
			});
		}
	}

	// --- the server process

	private void start(int run, Map<String, String> extra) throws IOException {
		var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"io.kluis.KluisApplication", "--server.port=" + port, "--kluis.data-dir=" + dataDir,
				"--kluis.base-url=http://localhost:" + port, "--server.forward-headers-strategy=native",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + Mailbox.port(), "--logging.level.root=WARN"));
		if (TestDatabase.postgresql()) {
			// the shared test database holds data keys of the other test contexts, wrapped by epoch keys
			// under the test profile's master key: the child must know it too
			command.addAll(List.of("--spring.datasource.url=" + System.getProperty("kluis.test.postgresql.url"),
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--kluis.crypto.master-key=" + testMasterKey(),
					// and their epoch keys, which the test profile keeps in its own key store
					"--kluis.crypto.key-store.directory=" + Path.of("target/test-key-store").toAbsolutePath(),
					"--kluis.crypto.epochs.cron=-"));
		}
		else {
			command.add("--spring.datasource.url=" + h2Url());
		}
		extra.forEach((key, value) -> command.add("--" + key + "=" + value));
		server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-run" + run + ".log").toFile())
			.start();
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(server.isAlive()).as("the server process is running").isTrue();
			try {
				return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
						BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException e) {
				return false;
			}
		});
	}

	private static String testMasterKey() {
		var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
		yaml.setResources(new org.springframework.core.io.ClassPathResource("application-test.yml"));
		return yaml.getObject().getProperty("kluis.crypto.master-key");
	}

	/**
	 * The embedded default's H2 file database, as {@code application.yml} configures it, also open to
	 * this test's JDBC connection (AUTO_SERVER).
	 */
	private String h2Url() {
		var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
		yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yml"));
		var environment = new org.springframework.core.env.StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new org.springframework.core.env.MapPropertySource("test",
					Map.of("kluis.data-dir", dataDir.toString())));
		String url = environment.resolveRequiredPlaceholders(yaml.getObject().getProperty("spring.datasource.url"));
		assertThat(url).as("the embedded default (KLUIS_DB_URL must not be set)").startsWith("jdbc:h2:file:");
		assertThat(url).as("the embedded default lets other processes in").contains(";AUTO_SERVER=TRUE");
		return url;
	}

	private Connection database() throws SQLException {
		return TestDatabase.postgresql()
				? DriverManager.getConnection(System.getProperty("kluis.test.postgresql.url"), "postgres", "")
				: DriverManager.getConnection(h2Url(), "sa", "");
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private void customerWithAppPasswordAndSpace() {
		email = "kill-" + UUID.randomUUID() + "@example.org";
		var registration = Map.of("email", email, "password", PASSWORD, "firstName", "Anna", "lastName", "de Vries",
				"street", "Kerkstraat 1", "postalCode", "1234 AB", "city", "Utrecht", "country", "NL", "dateOfBirth",
				"1990-04-02", "language", "en");
		assertThat(post("/api/v1/accounts", registration, null).statusCode()).isEqualTo(202);
		String token = Mailbox.token(Mailbox.awaitMail(email, 1), "/verify");
		assertThat(post("/api/v1/accounts/verification", Map.of("token", token), null).statusCode()).isEqualTo(204);
		var created = post("/api/v1/app-passwords", Map.of("name", "kill test", "scopes", List.of("files", "api:write")), basic(PASSWORD));
		assertThat(created.statusCode()).isEqualTo(201);
		secret = JSON.readTree(created.body()).get("secret").asString();
		assertThat(post("/api/v1/spaces", Map.of("name", "crash", "kind", "PLAIN"), basic(secret)).statusCode())
			.isEqualTo(201);
	}

	// --- HTTP

	private String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(60))
			.header(TestServer.X_FORWARDED_FOR, address);
	}

	private HttpResponse<String> post(String path, Object body, String authorization) {
		var request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request, BodyHandlers.ofString());
	}

	private JsonNode api(String path) {
		var response = send(request(path).header("Authorization", basic(secret)).GET(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> put(String name, byte[] body) {
		return send(request("/dav/crash/" + name).header("Authorization", basic(secret))
			.PUT(BodyPublishers.ofByteArray(body)), BodyHandlers.ofString());
	}

	/** Sends the first half, then waits for the kill before sending the rest: an upload in flight. */
	private HttpResponse<String> putHeld(String name, byte[] body, CountDownLatch killed) {
		int half = body.length / 2;
		InputStream rest = new InputStream() {
			private final InputStream remaining = new ByteArrayInputStream(body, half, body.length - half);

			@Override
			public int read() throws IOException {
				awaitKill();
				return remaining.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				awaitKill();
				return remaining.read(buffer, offset, length);
			}

			private void awaitKill() throws IOException {
				try {
					killed.await();
				}
				catch (InterruptedException e) {
					throw new IOException(e);
				}
			}
		};
		var stream = new SequenceInputStream(new ByteArrayInputStream(body, 0, half), rest);
		return send(request("/dav/crash/" + name).header("Authorization", basic(secret))
			.PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> stream), body.length)),
				BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> get(String name) {
		return send(request("/dav/crash/" + name).header("Authorization", basic(secret)).GET(),
				BodyHandlers.ofByteArray());
	}

	private HttpResponse<String> send(String method, String path) {
		return send(request(path).header("Authorization", basic(secret)).method(method, BodyPublishers.noBody()),
				BodyHandlers.ofString());
	}

	private Set<String> listing() {
		var response = send(request("/dav/crash/").header("Authorization", basic(secret))
			.header("Depth", "1")
			.method("PROPFIND", BodyPublishers.noBody()), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(207);
		Matcher hrefs = Pattern.compile("<(?:\\w+:)?href>([^<]*)</(?:\\w+:)?href>").matcher(response.body());
		var names = new HashSet<String>();
		while (hrefs.find()) {
			String href = URLDecoder.decode(hrefs.group(1), StandardCharsets.UTF_8);
			String name = href.substring(href.lastIndexOf('/', href.length() - 2) + 1);
			if (!name.isEmpty() && !href.endsWith("/")) {
				names.add(name);
			}
		}
		return names;
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
		try {
			return http.send(request.build(), handler);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	// --- what is on disk and in the database

	private Set<String> blobFiles() throws IOException {
		Path blobs = dataDir.resolve("blobs");
		try (Stream<Path> files = Files.walk(blobs)) {
			return files.filter(Files::isRegularFile)
				.filter(f -> !f.getParent().equals(blobs.resolve(".tmp")))
				.map(f -> f.getFileName().toString())
				.collect(Collectors.toSet());
		}
	}

	private Set<String> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(dataDir.resolve("blobs/.tmp"))) {
			return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
		}
	}

	/** The blob-store keys of the account's rows (small files' contents are in the database). */
	private static Set<String> rowBlobs(Connection db, String account) throws SQLException {
		try (var statement = db.prepareStatement("select n.blob from storage_nodes n join storage_spaces s "
				+ "on n.space_id = s.id where s.account_id = ? and n.blob is not null and n.blob not like 's%'")) {
			statement.setObject(1, UUID.fromString(account));
			return strings(statement);
		}
	}

	/** Rows of small files whose contents are not in the database (none may be). */
	private static Set<String> smallWithoutContents(Connection db, String account) throws SQLException {
		try (var statement = db.prepareStatement("select n.blob from storage_nodes n join storage_spaces s "
				+ "on n.space_id = s.id where s.account_id = ? and n.blob like 's%' "
				+ "and n.small_content is null")) {
			statement.setObject(1, UUID.fromString(account));
			return strings(statement);
		}
	}

	private static Set<String> journal(Connection db) throws SQLException {
		try (var statement = db.prepareStatement("select blob from storage_blob_journal")) {
			return strings(statement);
		}
	}

	private static Set<String> strings(java.sql.PreparedStatement statement) throws SQLException {
		var values = new HashSet<String>();
		try (var rows = statement.executeQuery()) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		var union = new HashSet<>(a);
		union.addAll(b);
		return union;
	}

	// --- contents

	private static byte[] content(int seed, int size) {
		byte[] bytes = new byte[size];
		var random = new SplittableRandom(seed * 7919L + size);
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) random.nextInt();
		}
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
