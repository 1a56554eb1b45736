package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.AccountId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exports in a cluster (RIG-1, RIG-5): the encrypted ZIP lives in the database every node shares,
 * not in the data directory of the node that built it, so any node serves the download and the
 * expiry job of any node removes it. A second {@link ExportFiles} on the same database stands in
 * for the other node.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(RightsTestConfiguration.class)
class SharedExportsIntegrationTests {

	@Autowired
	ExportingPersonalData exporting;

	@Autowired
	RightsTestConfiguration.TestHolder holder;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	NodeLocalExports nodeLocalExports;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Value("${kluis.data-dir}")
	Path dataDir;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("RIG-1: an export built on one node downloads on another: its content (several chunks, "
			+ "ciphertext only) is in the shared database, nothing in the building node's data directory")
	void anExportBuiltOnOneNodeDownloadsOnAnother() throws IOException {
		var customer = fixtures.verified();
		String note = RightsFixtures.unique("note-");
		holder.store(customer.id(), note, RightsFixtures.unique("invoice-"));
		byte[] big = new byte[ExportFiles.CHUNK * 2 + 12345];
		new Random(7).nextBytes(big);
		holder.bigFiles.put(customer.id(), big);

		var export = ready(customer.id());

		assertThat(dataDir.resolve("exports")).as("nothing node-local").doesNotExist();
		assertThat(chunks(export.id())).as("more than one chunk").isGreaterThanOrEqualTo(3);
		assertThat(new DatabaseScan(jdbc).rows("privacy_export_chunks", "where export_id = ?", List.of(export.id()),
				List.of(note))).as("ciphertext only").isEmpty();

		var otherNode = new ExportFiles(jdbc);
		byte[] key = Base64.getDecoder()
			.decode(cipher.open(customer.id(), ExportingPersonalData.FILE_KEY_FIELD, export.fileKey()));
		Map<String, byte[]> zip;
		try (InputStream in = otherNode.open(export.id(), key).orElseThrow()) {
			zip = unzip(in.readAllBytes());
		}
		assertThat(zip.get("files/test-files/big/blob.bin")).isEqualTo(big);
		assertThat(new String(zip.get("files/test-files/notes/1.txt"), StandardCharsets.UTF_8)).contains(note);

		var download = exporting.download(customer.id(), export.id(), "panel").orElseThrow();
		try (InputStream in = download.content()) {
			assertThat(in.readAllBytes()).hasSize((int) download.size());
		}
	}

	@Test
	@DisplayName("RIG-1: a ready export whose content is gone is not found (a 404 in panel and API), not an error")
	void aReadyExportWithoutContentIsNotFound() throws IOException {
		var customer = fixtures.verified();
		var export = ready(customer.id());

		jdbc.sql("delete from privacy_export_chunks where export_id = ?").param(export.id()).update();

		assertThat(exporting.download(customer.id(), export.id(), "panel")).isEmpty();
	}

	@Test
	@DisplayName("RIG-1, RET-2: the expiry job deletes an expired export's row and its content")
	void expiryDeletesRowAndContent() {
		var customer = fixtures.verified();
		var export = ready(customer.id());
		jdbc.sql("update privacy_exports set expires_at = ? where id = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(60)), export.id())
			.update();

		assertThat(exporting.deleteExpired()).isPositive();

		assertThat(exporting.find(customer.id(), export.id())).isEmpty();
		assertThat(chunks(export.id())).isZero();
	}

	@Test
	@DisplayName("RIG-1: a build that fails half-way leaves the export FAILED and no content behind")
	void aFailedBuildLeavesNoContent() {
		var customer = fixtures.verified();
		holder.failingAfter.put(customer.id(), ExportFiles.CHUNK + 1000);
		var export = exporting.request(customer.id(), customer.id());
		await().atMost(Duration.ofSeconds(20)).until(() -> exporting.find(customer.id(), export.id())
			.map(e -> e.status() == Export.Status.FAILED).orElse(false));

		assertThat(chunks(export.id())).isZero();
	}

	@Test
	@DisplayName("export files older versions left in the node's data directory are deleted")
	void oldNodeLocalExportFilesAreDeleted() throws IOException {
		Path old = Files.createDirectories(dataDir.resolve("exports"));
		Files.write(old.resolve(UUID.randomUUID() + ".zip.enc"), new byte[] { 1, 2, 3 });
		Files.write(old.resolve(UUID.randomUUID() + ".tmp"), new byte[] { 4 });

		assertThat(nodeLocalExports.delete()).isEqualTo(2);

		assertThat(old).doesNotExist();
		assertThat(nodeLocalExports.delete()).as("nothing left to do").isZero();
	}

	private Export ready(AccountId account) {
		var export = exporting.request(account, account);
		await().atMost(Duration.ofSeconds(20)).until(() -> exporting.find(account, export.id())
			.map(e -> e.status() == Export.Status.READY).orElse(false));
		return exporting.find(account, export.id()).orElseThrow();
	}

	private long chunks(UUID export) {
		return jdbc.sql("select count(*) from privacy_export_chunks where export_id = ?").param(export)
			.query(Long.class).single();
	}

	private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
		var entries = new LinkedHashMap<String, byte[]>();
		try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}
}
