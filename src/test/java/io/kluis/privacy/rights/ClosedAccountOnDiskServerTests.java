package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kluis.FileScan;
import io.kluis.KluisServerTest;
import io.kluis.TestDatabase;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 8 §3, acceptance 4 (first half): after an account is closed on PostgreSQL, no name or
 * content of its plain spaces can be read in the database's files (live and free pages, dead
 * tuples) or its write-ahead log, nor in the blob directory: all of it was sealed under the
 * customer's data key, which the closure destroyed. The test reads the server's data directory
 * as someone with the disk would; it needs PostgreSQL on this machine with a readable data
 * directory, and is skipped with the reason otherwise (a failure under {@code CI=true}).
 */
@KluisServerTest
class ClosedAccountOnDiskServerTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	ClosingAccounts closing;

	@Autowired
	JdbcClient jdbc;

	@Value("${kluis.data-dir}")
	Path dataDir;

	@Test
	@DisplayName("RIG-3, SEC-3: after closing an account, no name or content of its plain spaces is in PostgreSQL's files, its WAL or the blob directory")
	void closedAccountLeavesNothingReadableOnDisk() throws IOException {
		assumeTrue(TestDatabase.postgresql(), "Skipped: reads PostgreSQL's data directory; run with -Ppostgresql");
		Path data = Path.of(jdbc.sql("show data_directory").query(String.class).single());
		if (!Files.isReadable(data.resolve("pg_wal"))) {
			String reason = "PostgreSQL's data directory " + data + " is not readable by this process";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true, so this may not be skipped: " + reason);
			}
			assumeTrue(false, "Skipped: " + reason);
		}
		String marker = "Wisbaar" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
		String control = "Controle" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);

		var customer = StorageCustomers.in(context).withAppPassword("test");
		DavClient dav = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		assertThat(dav.method("MKCOL", "/dav/files/" + marker + "-map").statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/" + marker + "-map/" + marker + "-klein.txt",
				(marker + "-inhoud").getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
		byte[] large = (marker + "-blob ").repeat(20_000).getBytes(StandardCharsets.UTF_8);
		assertThat(dav.put("/dav/files/" + marker + "-groot.bin", large).statusCode()).isEqualTo(201);
		assertThat(dav.send(dav.request("PROPPATCH", "/dav/files/" + marker + "-groot.bin", BodyPublishers.ofString(
				"<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:k=\"urn:kluis:test\"><d:set><d:prop>"
						+ "<k:note>" + marker + "-eigenschap</k:note></d:prop></d:set></d:propertyupdate>")))
			.statusCode()).isEqualTo(207);
		assertThat(dav.send(dav.request("LOCK", "/dav/files/" + marker + "-groot.bin", BodyPublishers.ofString(
				"<?xml version=\"1.0\"?><d:lockinfo xmlns:d=\"DAV:\"><d:lockscope><d:exclusive/></d:lockscope>"
						+ "<d:locktype><d:write/></d:locktype><d:owner>" + marker + "-eigenaar</d:owner></d:lockinfo>")))
			.statusCode()).isEqualTo(200);
		assertThat(dav.send(dav.request("MOVE", "/dav/files/" + marker + "-map/" + marker + "-klein.txt",
				BodyPublishers.noBody()).header("Destination", "/dav/files/" + marker + "-hernoemd.txt")).statusCode())
			.isEqualTo(201);
		assertThat(dav.method("DELETE", "/dav/files/" + marker + "-map").statusCode()).isEqualTo(204);
		// the scan's own check: a value written in plain text is found in the same files
		jdbc.sql("create table if not exists test_disk_scan_control (value varchar(64))").update();
		jdbc.sql("insert into test_disk_scan_control (value) values (?)").param(control).update();

		closing.close(customer.id(), customer.id());
		jdbc.sql("checkpoint").update();

		long database = jdbc.sql("select oid from pg_database where datname = current_database()").query(Long.class).single();
		List<Path> scanned = new ArrayList<>();
		scanned.add(data.resolve("base").resolve(Long.toString(database)));
		scanned.add(data.resolve("global"));
		scanned.add(data.resolve("pg_wal"));
		assertThat(FileScan.filesContaining(scanned, control)).as("the scan finds what is stored in plain text").isNotEmpty();
		assertThat(FileScan.filesContaining(scanned, marker)).as("database files and WAL").isEmpty();
		assertThat(FileScan.filesContaining(List.of(dataDir.resolve("blobs")), marker)).as("blob directory").isEmpty();
	}
}
