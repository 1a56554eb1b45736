package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.DatabaseScan;
import io.kluis.FileScan;
import io.kluis.KluisServerTest;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What customers store in plain spaces is sealed at rest under their data key (SEC-3, issue 8 §3):
 * names, small and large contents, dead properties, lock owners and upload paths show up in no
 * column and no blob file, while WebDAV reads them back whole and in ranges. Rows from before
 * sealing stay readable and are sealed in the background.
 */
@KluisServerTest
class SealedAtRestServerTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	Uploads uploads;

	@Autowired
	StorageSealing sealing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AtRest atRest;

	@Value("${kluis.data-dir}")
	Path dataDir;

	StorageCustomers.Customer customer;

	DavClient dav;

	Space files;

	String marker;

	@BeforeEach
	void customerWithAPlainSpace() {
		customer = StorageCustomers.in(context).withAppPassword("test");
		dav = customer.dav();
		files = spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		marker = "Zeldzaam" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static byte[] large(String text, int size) {
		byte[] line = (text + " ").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[size];
		for (int i = 0; i < size; i++) {
			content[i] = line[i % line.length];
		}
		return content;
	}

	@Test
	@DisplayName("SEC-3: names, contents, properties, lock owners and upload paths of a plain space are in no column and no blob file, and read back whole and in ranges")
	void plainSpacesAreSealed() {
		String folder = marker + "-map";
		String small = marker + "-brief.txt";
		String big = marker + "-groot.bin";
		byte[] smallContent = (marker + "-inhoud").getBytes(StandardCharsets.UTF_8);
		byte[] bigContent = large(marker + "-blob", 300_000);
		assertThat(dav.method("MKCOL", "/dav/files/" + folder).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/" + folder + "/" + small, smallContent).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/" + big, bigContent).statusCode()).isEqualTo(201);
		String property = "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:k=\"urn:kluis:test\"><d:set><d:prop>"
				+ "<k:note>" + marker + "-eigenschap</k:note></d:prop></d:set></d:propertyupdate>";
		assertThat(dav.send(dav.request("PROPPATCH", "/dav/files/" + big, BodyPublishers.ofString(property)))
			.statusCode()).isEqualTo(207);
		String lock = "<?xml version=\"1.0\"?><d:lockinfo xmlns:d=\"DAV:\"><d:lockscope><d:exclusive/></d:lockscope>"
				+ "<d:locktype><d:write/></d:locktype><d:owner>" + marker + "-eigenaar</d:owner></d:lockinfo>";
		assertThat(dav.send(dav.request("LOCK", "/dav/files/" + folder + "/" + small, BodyPublishers.ofString(lock))
			.header("Timeout", "Second-600")).statusCode()).isEqualTo(200);
		uploads.begin(files, FilePath.ofJoined(marker + "-upload.bin"), 10, null);
		assertThat(dav.put("/dav/files/" + marker + "-weg.txt", smallContent).statusCode()).isEqualTo(201);
		assertThat(dav.method("DELETE", "/dav/files/" + marker + "-weg.txt").statusCode()).isEqualTo(204);

		var scan = new DatabaseScan(jdbc);
		assertThat(scan.everywhere(List.of(marker))).as("no column holds a name or a value").isEmpty();
		assertThat(blobFilesContaining(marker)).as("no blob file holds the contents").isEmpty();

		var listing = dav.propfind("/dav/files/", "infinity", null).body();
		assertThat(listing).contains(folder, small, big, marker + "-eigenschap");
		assertThat(dav.get("/dav/files/" + folder + "/" + small).body()).isEqualTo(smallContent);
		assertThat(dav.get("/dav/files/" + big).body()).isEqualTo(bigContent);
		for (int[] range : new int[][] { { 65530, 65545 }, { 0, 0 }, { 131072, 262143 }, { 299_990, 299_999 } }) {
			var part = dav.sendForBytes(dav.request("GET", "/dav/files/" + big, BodyPublishers.noBody())
				.header("Range", "bytes=" + range[0] + "-" + range[1]));
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bigContent, range[0], range[1] + 1));
		}
		assertThat(dav.send(dav.request("MOVE", "/dav/files/" + big, BodyPublishers.noBody())
			.header("Destination", "/dav/files/" + folder + "/" + marker + "-verplaatst.bin")).statusCode()).isEqualTo(201);
		assertThat(dav.get("/dav/files/" + folder + "/" + marker + "-verplaatst.bin").body()).isEqualTo(bigContent);
		assertThat(scan.everywhere(List.of(marker))).isEmpty();
	}

	@Test
	@DisplayName("STO-1: a vault's contents are kept exactly as the browser encrypted them")
	void vaultContentsAreKeptAsTheyAre() throws IOException {
		byte[] ciphertext = large(marker + "-vault", 200_000);
		var vault = spaces.find(customer.id(), Space.DEFAULT_VAULT).orElseThrow();
		assertThat(dav.put("/dav/vault/" + marker + ".c9r", ciphertext).statusCode()).isEqualTo(201);
		assertThat(blobFilesContaining(marker)).singleElement()
			.satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(ciphertext));
		assertThat(vault.kind()).isEqualTo(SpaceKind.VAULT);
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(marker))).as("its names are sealed too").isEmpty();
	}

	@Test
	@DisplayName("SEC-3: rows stored before sealing read as before, and the background sealing seals them")
	void rowsFromBeforeAreSealedInTheBackground() {
		byte[] content = (marker + "-oud").getBytes(StandardCharsets.UTF_8);
		legacyFile(marker + "-oud.txt", content);
		legacyFile(marker + "-vervangen.txt", content);
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(marker))).isNotEmpty();
		assertThat(dav.get("/dav/files/" + marker + "-oud.txt").body()).isEqualTo(content);
		assertThat(dav.put("/dav/files/" + marker + "-vervangen.txt", "nieuw".getBytes(StandardCharsets.UTF_8))
			.statusCode()).as("the old name is found, not doubled").isEqualTo(204);

		assertThat(sealing.sealAll()).isPositive();
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(marker))).isEmpty();
		assertThat(dav.get("/dav/files/" + marker + "-oud.txt").body()).isEqualTo(content);
		assertThat(dav.get("/dav/files/" + marker + "-vervangen.txt").body()).isEqualTo("nieuw".getBytes(StandardCharsets.UTF_8));
		assertThat(sealing.sealAll()).isZero();
	}

	/** A file as stored before sealing (by a node not upgraded yet): plain name, plain small contents. */
	private void legacyFile(String name, byte[] content) {
		atRest.plainNamesMayRemain(true);
		UUID root = jdbc.sql("select id from storage_nodes where space_id = ? and parent_id is null and name = ''")
			.param(files.id()).query(UUID.class).single();
		String blob = "s" + UUID.randomUUID().toString().replace("-", "").substring(1);
		var now = new Timestamp(System.currentTimeMillis());
		jdbc.sql("insert into storage_nodes (id, space_id, parent_id, name, collection, size, blob, content_type, etag, "
				+ "created_at, modified_at, small_content, small_sealed) "
				+ "values (?, ?, ?, ?, false, ?, ?, 'text/plain', 'e1', ?, ?, ?, false)")
			.params(UUID.randomUUID(), files.id(), root, name, content.length, blob, now, now, content)
			.update();
		jdbc.sql("update storage_usage set used_bytes = used_bytes + ? where account_id = ?")
			.params(content.length, customer.id().value())
			.update();
	}

	private List<Path> blobFilesContaining(String text) {
		return FileScan.filesContaining(dataDir.resolve("blobs"), text);
	}
}
