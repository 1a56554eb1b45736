package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.DatabaseScan;
import io.kluis.KluisServerTest;
import io.kluis.Mailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.Evidence;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.privacy.rights.RightsFixtures.Customer;
import io.kluis.privacy.rights.RightsTestConfiguration.TestHolder;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rights over the JSON API, against the running server over real HTTP, with the test holder
 * and whatever real holders the application has (RIG-1, RIG-3, RIG-4, RIG-5, RIG-6, RET-5, RET-6).
 */
@KluisServerTest
@Import(RightsTestConfiguration.class)
class RightsApiServerTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${kluis.base-url}")
	String baseUrl;

	@Value("${kluis.data-dir}")
	Path dataDir;

	@Autowired
	ApplicationContext context;

	@Autowired
	TestHolder holder;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	SubjectRestrictions restrictions;

	@Autowired
	Evidence evidence;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	AccountDirectory directory;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-1, RIG-5: POST /api/v1/me/exports answers 202 with a Location that answers 202 while building and "
			+ "200 with the ZIP when ready (README.html, data.json kluis-export/1, a CSV per category, files); "
			+ "someone else's export is 404; the ready mail links to the panel")
	void exportOverTheApi() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		String note = RightsFixtures.unique("note-");
		String invoice = RightsFixtures.unique("invoice-");
		holder.store(customer.id(), note, invoice);
		var gate = new CountDownLatch(1);
		holder.gates.put(customer.id(), gate);
		var api = app(customer, "cli-" + RightsFixtures.letters(8)).header("X-Kluis-Password", customer.password());

		var requested = api.post("/api/v1/me/exports", "{}");
		assertThat(requested.statusCode()).isEqualTo(202);
		String location = requested.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/v1/me/exports/[0-9a-f-]{36}");
		var building = api.getBytes(location);
		assertThat(building.statusCode()).as("still building").isEqualTo(202);
		assertThat(JSON.readTree(building.body()).get("status").asString()).isEqualTo("BUILDING");

		var other = app(RightsFixtures.customer(fixtures), "other");
		var foreign = other.get(location);
		assertThat(foreign.statusCode()).as("another account's export does not exist for it").isEqualTo(404);
		assertThat(foreign.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

		gate.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> api.getBytes(location).statusCode() == 200);
		var ready = api.getBytes(location);
		assertThat(ready.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
		var zip = unzip(ready.body());

		assertThat(zip).containsKeys("README.html", "data.json", "csv/test-files.csv", "csv/test-invoices.csv",
				"files/test-files/notes/1.txt");
		var data = JSON.readTree(zip.get("data.json"));
		assertThat(data.get("schema").asString()).isEqualTo("kluis-export/1");
		assertThat(data.get("subject").get("account").asString()).isEqualTo(customer.id().toString());
		var files = category(data, RightsTestConfiguration.FILES);
		assertThat(files.get("name").asString()).isEqualTo("Test files");
		assertThat(files.get("purposes").get(0).get("id").asString()).isEqualTo("test-service");
		assertThat(files.get("records").get(0).get("note").asString()).isEqualTo(note);
		assertThat(files.get("files").get(0).get("path").asString()).isEqualTo("files/test-files/notes/1.txt");
		for (var category : data.get("categories")) {
			assertThat(zip).containsKey("csv/" + category.get("id").asString() + ".csv");
		}
		// A new customer has nothing in most categories (sessions, shares, requests …): each CSV still has its header.
		zip.keySet().stream().filter(name -> name.startsWith("csv/")).forEach(name -> assertThat(text(zip, name))
			.as(name + " starts with its header row").matches("(?s)[A-Za-z]+(,[A-Za-z]+)*\r\n.*"));
		assertThat(text(zip, "csv/test-files.csv")).startsWith("note,number,createdAt\r\n").contains(note);
		assertThat(text(zip, "files/test-files/notes/1.txt")).isEqualTo("file, with \"quotes\": " + note);
		assertThat(text(zip, "README.html")).contains("Test files", "Test service", "GDPR art. 6(1)(b)",
				"Fiscal retention duty".isEmpty() ? "" : "7 years after closure.");

		var mail = awaitMail(customer.email(), "Your copy of your data at Voorbeeld Hosting B.V. is ready");
		assertThat(Mailbox.link(mail, "/panel/privacy/exports/")).isEqualTo(baseUrl + "/panel/privacy/exports/"
				+ location.substring(location.lastIndexOf('/') + 1));

		String exportId = location.substring(location.lastIndexOf('/') + 1);
		var chunks = new DatabaseScan(jdbc);
		assertThat(chunks.count("privacy_export_chunks", "where export_id = ?", List.of(java.util.UUID.fromString(exportId))))
			.as("stored in the shared database").isPositive();
		assertThat(chunks.rows("privacy_export_chunks", "where export_id = ?", List.of(java.util.UUID.fromString(exportId)),
				List.of(note, customer.email()))).as("the stored export is encrypted").isEmpty();
		assertThat(dataDir.resolve("exports")).as("nothing in the node's own data directory").doesNotExist();
		assertThat(findIn(dataDir, List.of(note, customer.email()))).as("nor elsewhere in it").isEmpty();

		jdbc.sql("delete from privacy_export_chunks where export_id = ?").param(java.util.UUID.fromString(exportId)).update();
		var lost = api.getBytes(location);
		assertThat(lost.statusCode()).as("a ready export without content is not found, not an error").isEqualTo(404);
		assertThat(lost.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
	}

	@Test
	@DisplayName("RIG-1, RIG-5: the export of a fully used account holds every personal value Kluis stored about it "
			+ "(from every real holder: identity, security log, sent mail)")
	void exportHoldsEverythingTheRealHoldersKnow() throws Exception {
		assertThat(holders).as("identity's PersonalDataHolder is part of the build").anyMatch(h -> h.module().equals("identity"));
		var customer = RightsFixtures.customer(fixtures);
		String appName = "laptop-" + RightsFixtures.letters(8);
		var api = app(customer, appName).header("X-Kluis-Password", customer.password());
		String location = api.post("/api/v1/me/exports", "{}").headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(20)).until(() -> api.getBytes(location).statusCode() == 200);
		var zip = unzip(api.getBytes(location).body());
		String json = text(zip, "data.json");
		String csvs = zip.entrySet().stream().filter(e -> e.getKey().endsWith(".csv"))
			.map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).reduce("", String::concat);
		var expected = new ArrayList<>(customer.identityValues());
		expected.add(appName);
		expected.add(customer.phone());
		for (String value : expected) {
			assertThat(json).as("data.json holds a value the account has").contains(value);
			assertThat(csvs).as("the CSVs hold a value the account has").contains(value);
		}
		assertThat(JSON.readTree(zip.get("data.json")).get("categories").valueStream()
			.map(c -> c.get("id").asString())).contains("customer-identity", "contact-email");
	}

	@Test
	@DisplayName("RIG-4, RIG-6: restriction and objection are set and lifted over the API; SubjectRestrictions "
			+ "reflects them and every holder's restrict and liftRestriction is called once per change")
	void restrictionAndObjectionOverTheApi() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		var api = app(customer, "states");
		String id = customer.id().toString();

		var restricted = api.post("/api/v1/me/restriction", "{}");
		assertThat(restricted.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(restricted.body()).get("restricted").asBoolean()).isTrue();
		assertThat(restrictions.isRestricted(customer.id())).isTrue();
		assertThat(restrictions.mayProcessBeyondContract(customer.id())).isFalse();
		api.post("/api/v1/me/restriction", "{}");
		assertThat(holder.calls).as("setting it twice restricts once").containsOnlyOnce("restrict:" + id);

		var lifted = api.delete("/api/v1/me/restriction");
		assertThat(lifted.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(lifted.body()).get("restricted").asBoolean()).isFalse();
		assertThat(restrictions.isRestricted(customer.id())).isFalse();
		assertThat(holder.calls).containsOnlyOnce("lift:" + id);

		assertThat(api.post("/api/v1/me/objection", "{}").statusCode()).isEqualTo(200);
		assertThat(restrictions.hasObjected(customer.id())).isTrue();
		assertThat(restrictions.isRestricted(customer.id())).isFalse();
		assertThat(JSON.readTree(api.get("/api/v1/me/privacy-state").body()).get("objected").asBoolean()).isTrue();
		assertThat(api.delete("/api/v1/me/objection").statusCode()).isEqualTo(200);
		assertThat(restrictions.hasObjected(customer.id())).isFalse();
		assertThat(restrictions.mayProcessBeyondContract(customer.id())).isTrue();

		var anonymous = new Http(baseUrl).post("/api/v1/me/restriction", "{}");
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	@DisplayName("RIG-3, RET-5, RET-6: DELETE /api/v1/me with the password closes the account: every holder erased, "
			+ "legal holds kept, exports and states gone, data key destroyed, evidence with counts only, "
			+ "confirmation mail sent; no identifying value left in the database or the data directory")
	void closingTheAccountOverTheApi() throws Exception {
		var customer = RightsFixtures.customer(fixtures);
		String note = RightsFixtures.unique("note-");
		String invoice = RightsFixtures.unique("invoice-");
		holder.store(customer.id(), note, invoice);
		var api = app(customer, "closer");
		var exporter = app(customer, "exporter").header("X-Kluis-Password", customer.password());
		String location = exporter.post("/api/v1/me/exports", "{}").headers().firstValue("Location").orElseThrow();
		await().atMost(Duration.ofSeconds(20)).until(() -> exporter.getBytes(location).statusCode() == 200);
		api.post("/api/v1/me/restriction", "{}");

		var withoutPassword = api.delete("/api/v1/me");
		assertThat(withoutPassword.statusCode()).isEqualTo(400);
		assertThat(withoutPassword.body()).contains("X-Kluis-Password");
		assertThat(api.header("X-Kluis-Password", "not the password").delete("/api/v1/me").statusCode()).isEqualTo(400);
		assertThat(directory.contact(customer.id())).as("nothing happened yet").isPresent();
		assertThat(holder.notes).containsKey(customer.id());

		var closed = api.header("X-Kluis-Password", customer.password()).delete("/api/v1/me");
		assertThat(closed.statusCode()).isEqualTo(204);

		assertThat(holder.notes).doesNotContainKey(customer.id());
		assertThat(cipher.isDestroyed(customer.id())).as("crypto-shredded").isTrue();
		assertThat(restrictions.isRestricted(customer.id())).isFalse();
		assertThat(jdbc.sql("select count(*) from privacy_exports where account_id = ?").param(customer.id().value())
			.query(Long.class).single()).isZero();
		String exportId = location.substring(location.lastIndexOf('/') + 1);
		assertThat(jdbc.sql("select count(*) from privacy_export_chunks where export_id = ?")
			.param(java.util.UUID.fromString(exportId)).query(Long.class).single()).as("its content is gone").isZero();

		var records = evidence.about(customer.id());
		assertThat(records).hasSize(1);
		var record = records.get(0);
		assertThat(record.kind()).isEqualTo(Evidence.Kind.ERASURE);
		assertThat(record.dryRun()).isFalse();
		assertThat(record.removed()).containsEntry(RightsTestConfiguration.FILES, 1);
		assertThat(record.kept()).containsEntry(RightsTestConfiguration.INVOICES, 1);
		assertThat(new DatabaseScan(jdbc).rows("privacy_evidence", "where subject_id = ?",
				List.of(customer.id().value()), List.of(note, invoice, customer.email()))).as("counts, never contents")
			.isEmpty();

		var confirmation = awaitMail(customer.email(), "Your account at Voorbeeld Hosting B.V. is closed");
		assertThat(Mailbox.body(confirmation)).contains("Test invoices", "art. 52 AWR");

		var values = new ArrayList<>(customer.identityValues());
		values.add(note);
		assertThat(new DatabaseScan(jdbc).everywhere(values)).as("no identifying value left in the database").isEmpty();
		assertThat(findIn(dataDir, values)).as("no identifying value left in the data directory").isEmpty();
		assertThat(holder.invoices).as("the legal hold is kept").containsEntry(customer.id(), invoice);

		assertThat(directory.contact(customer.id())).as("the account is gone").isEmpty();
		assertThat(api.get("/api/v1/me").statusCode()).as("its app passwords no longer work").isEqualTo(401);
		assertThat(api.header("X-Kluis-Password", customer.password()).delete("/api/v1/me").statusCode())
			.as("closing again changes nothing").isIn(204, 401);
		assertThat(evidence.about(customer.id())).hasSize(1);
	}

	private Http app(Customer customer, String name) throws IOException {
		var response = new Http(baseUrl).basic(customer.email(), customer.password())
			.post("/api/v1/app-passwords", "{\"name\":\"" + name + "\",\"scopes\":[\"api:write\"]}");
		assertThat(response.statusCode()).isEqualTo(201);
		String secret = JSON.readTree(response.body()).get("secret").asString();
		return new Http(baseUrl).basic(customer.email(), secret);
	}

	static JsonNode category(JsonNode data, String id) {
		return data.get("categories").valueStream().filter(c -> c.get("id").asString().equals(id)).findFirst()
			.orElseThrow(() -> new AssertionError("no category " + id));
	}

	static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
		var entries = new LinkedHashMap<String, byte[]>();
		try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}

	static String text(Map<String, byte[]> zip, String name) {
		return new String(zip.get(name), StandardCharsets.UTF_8);
	}

	/** Waits for the mail to the address with this subject line. */
	static jakarta.mail.internet.MimeMessage awaitMail(String address, String subjectLine) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
			.until(() -> Mailbox.to(address).stream().anyMatch(m -> subject(m).equals(subjectLine)));
		return Mailbox.to(address).stream().filter(m -> subject(m).equals(subjectLine)).findFirst().orElseThrow();
	}

	static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Files under the directory holding one of the values (as text, hex or Base64), like DatabaseScan. */
	static List<String> findIn(Path directory, List<String> values) {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).flatMap(file -> {
				String content;
				try {
					content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				return values.stream().filter(v -> {
					byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
					return content.contains(v.toLowerCase(Locale.ROOT))
							|| content.contains(HexFormat.of().formatHex(utf8))
							|| content.contains(Base64.getEncoder().withoutPadding().encodeToString(utf8).toLowerCase(Locale.ROOT));
				}).map(v -> file + ": " + v);
			}).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
