package io.kluis.storage.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.identity.account.AppPasswords;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Usage;
import io.kluis.storage.internal.StoredBlobs;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** WebDAV as a client sees it: authentication, conditional and range requests, quota, atomicity, hardening. */
@KluisServerTest
class DavServerTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	BlobStore blobStore;

	@Autowired
	ApplicationContext context;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	Usage usage;

	@Autowired
	JdbcClient jdbc;

	StorageCustomers customers;

	StorageCustomers.Customer customer;

	DavClient dav;

	@BeforeEach
	void customerWithAnAppPassword() {
		customers = StorageCustomers.in(context);
		customer = customers.withAppPassword("test");
		dav = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
	}

	@Test
	@DisplayName("WebDAV asks for HTTP Basic and accepts only app passwords, never the account password")
	void onlyAppPasswordsOpenWebDav() {
		var anonymous = new DavClient(baseUrl, "", "").send(new DavClient(baseUrl, "", "")
			.request("PROPFIND", "/dav/", BodyPublishers.noBody())
			.header("Authorization", "Basic"));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
		var withAccountPassword = new DavClient(baseUrl, customer.email(), customer.password()).propfind("/dav/", "0", null);
		assertThat(withAccountPassword.statusCode()).isEqualTo(401);
		assertThat(dav.propfind("/dav/", "1", null).statusCode()).isEqualTo(207);
	}

	@Test
	@DisplayName("A revoked app password stops working at once, although successful checks are remembered briefly")
	void revokedAppPasswordStopsAtOnce() {
		var created = appPasswords.create(customer.id(), "phone");
		var phone = new DavClient(baseUrl, customer.email(), created.secret());
		assertThat(phone.propfind("/dav/", "0", null).statusCode()).isEqualTo(207);
		assertThat(phone.propfind("/dav/", "0", null).statusCode()).isEqualTo(207);
		appPasswords.revoke(customer.id(), created.id(), customer.id());
		assertThat(phone.propfind("/dav/", "0", null).statusCode()).isEqualTo(401);
		assertThat(dav.propfind("/dav/", "0", null).statusCode()).as("other app passwords still work").isEqualTo(207);
	}

	@Test
	@DisplayName("/dav/ lists the customer's spaces, the vault among them; another customer's space is not there")
	void topListsOwnSpaces() {
		String listing = dav.propfind("/dav/", "1", null).body();
		assertThat(listing).contains("/dav/vault/", "/dav/files/");
		var otherDav = customers.withAppPassword("t").dav();
		assertThat(otherDav.propfind("/dav/files/", "0", null).statusCode()).isEqualTo(404);
		assertThat(otherDav.propfind("/dav/", "1", null).body()).doesNotContain("/dav/files/");
	}

	@Test
	@DisplayName("GET sends validators, honours If-None-Match and ranges, and serves uploads as attachments that cannot run script")
	void conditionalAndRangeRequests() {
		byte[] content = randomBytes(200_000);
		var put = dav.put("/dav/files/report.pdf", content);
		assertThat(put.statusCode()).isEqualTo(201);
		String etag = put.headers().firstValue("ETag").orElseThrow();

		var get = dav.get("/dav/files/report.pdf");
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo(content);
		assertThat(get.headers().firstValue("ETag")).hasValue(etag);
		assertThat(get.headers().firstValue("Last-Modified")).isPresent();
		assertThat(get.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
		assertThat(get.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(get.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("sandbox"));

		var notModified = dav.sendForBytes(dav.request("GET", "/dav/files/report.pdf", BodyPublishers.noBody())
			.header("If-None-Match", etag));
		assertThat(notModified.statusCode()).isEqualTo(304);

		var range = dav.sendForBytes(dav.request("GET", "/dav/files/report.pdf", BodyPublishers.noBody())
			.header("Range", "bytes=100-199"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/200000");
		assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 200));

		var suffix = dav.sendForBytes(dav.request("GET", "/dav/files/report.pdf", BodyPublishers.noBody())
			.header("Range", "bytes=-10"));
		assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 10, content.length));

		var outside = dav.sendForBytes(dav.request("GET", "/dav/files/report.pdf", BodyPublishers.noBody())
			.header("Range", "bytes=300000-"));
		assertThat(outside.statusCode()).isEqualTo(416);
		assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */200000");
	}

	@Test
	@DisplayName("A PUT with a stale If-Match changes nothing (412); If-None-Match: * refuses to overwrite")
	void conditionalWritesLoseNothing() {
		dav.put("/dav/files/notes.txt", "first".getBytes(StandardCharsets.UTF_8));
		List<String> blobsBefore = allBlobFiles();
		var stale = dav.send(dav.request("PUT", "/dav/files/notes.txt", BodyPublishers.ofString("second"))
			.header("If-Match", "\"not-the-etag\""));
		assertThat(stale.statusCode()).isEqualTo(412);
		var noOverwrite = dav.send(dav.request("PUT", "/dav/files/notes.txt", BodyPublishers.ofString("third"))
			.header("If-None-Match", "*"));
		assertThat(noOverwrite.statusCode()).isEqualTo(412);
		assertThat(new String(dav.get("/dav/files/notes.txt").body(), StandardCharsets.UTF_8)).isEqualTo("first");
		assertThat(blobFiles()).as("the refused uploads left no blob behind").hasSize(1);
		assertThat(allBlobFiles()).as("no orphan blob anywhere").isEqualTo(blobsBefore);
	}

	@Test
	@DisplayName("Over quota: a PUT with a known length is refused before any byte (507); a chunked one stops mid-upload and leaves nothing")
	void quotaStopsUploadsAndLeavesNothing() {
		dav.put("/dav/files/small.bin", randomBytes(1000));
		usage.setQuota(customer.id(), 50_000L);
		long usedBefore = usage.of(customer.id()).used();
		List<String> blobsBefore = allBlobFiles();
		List<String> tempBefore = tempFiles();
		int journalBefore = journalEntries();

		var known = dav.put("/dav/files/big.bin", randomBytes(60_000));
		assertThat(known.statusCode()).isEqualTo(507);

		var chunked = dav.send(dav.request("PUT", "/dav/files/big-stream.bin",
				BodyPublishers.ofInputStream(() -> new RandomStream(200_000))));
		assertThat(chunked.statusCode()).isEqualTo(507);

		assertThat(dav.get("/dav/files/big.bin").statusCode()).isEqualTo(404);
		assertThat(dav.get("/dav/files/big-stream.bin").statusCode()).isEqualTo(404);
		assertThat(usage.of(customer.id()).used()).isEqualTo(usedBefore);
		assertThat(allBlobFiles()).as("no orphan blob anywhere").isEqualTo(blobsBefore);
		assertThat(tempFiles()).as("no temporary data left (other tests' uploads in progress may remain)")
			.isEqualTo(tempBefore);
		assertThat(journalEntries()).as("no journal entry left").isEqualTo(journalBefore);
	}

	@Test
	@DisplayName("Files up to the small-file limit live in the database with their row; larger and chunked ones in the blob store; both read back whole and in ranges")
	void smallFilesInTheDatabaseLargeInTheBlobStore() {
		int limit = 64 * 1024;
		List<String> storeBefore = StoredBlobs.of(blobStore).committed();
		byte[] small = randomBytes(limit);
		byte[] large = randomBytes(limit + 1);
		byte[] streamed = new byte[100_000];
		try {
			new RandomStream(streamed.length).readNBytes(streamed, 0, streamed.length);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		assertThat(dav.put("/dav/files/small.bin", small).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/empty.bin", new byte[0]).statusCode()).isEqualTo(201);
		assertThat(dav.send(dav.request("PUT", "/dav/files/chunked-small.bin",
				BodyPublishers.ofInputStream(() -> new RandomStream(1000)))).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/large.bin", large).statusCode()).isEqualTo(201);
		assertThat(dav.send(dav.request("PUT", "/dav/files/chunked-large.bin",
				BodyPublishers.ofInputStream(() -> new RandomStream(streamed.length)))).statusCode()).isEqualTo(201);

		assertThat(dav.get("/dav/files/small.bin").body()).isEqualTo(small);
		assertThat(dav.get("/dav/files/empty.bin").body()).isEmpty();
		assertThat(dav.get("/dav/files/large.bin").body()).isEqualTo(large);
		assertThat(dav.get("/dav/files/chunked-large.bin").body()).as("the bytes read before the spill are kept")
			.isEqualTo(streamed);
		var range = dav.sendForBytes(dav.request("GET", "/dav/files/small.bin", BodyPublishers.noBody())
			.header("Range", "bytes=1000-1999"));
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(small, 1000, 2000));

		var inDatabase = jdbc.sql("select n.name from storage_nodes n join storage_small_blobs b on b.blob = n.blob "
				+ "join storage_spaces s on s.id = n.space_id where s.account_id = ?")
			.param(customer.id().value())
			.query(String.class)
			.list();
		assertThat(inDatabase).contains("small.bin", "empty.bin", "chunked-small.bin")
			.doesNotContain("large.bin", "chunked-large.bin");
		var added = new java.util.ArrayList<>(StoredBlobs.of(blobStore).committed());
		added.removeAll(storeBefore);
		assertThat(added).as("the two large files, and nothing else, in the blob store").hasSize(2);

		// overwriting a small file with a large one and back leaves no contents behind
		List<String> allBefore = allBlobFiles();
		assertThat(dav.put("/dav/files/small.bin", large).statusCode()).isEqualTo(204);
		assertThat(dav.put("/dav/files/small.bin", small).statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/small.bin").body()).isEqualTo(small);
		assertThat(allBlobFiles()).as("one contents per file, none orphaned").hasSameSizeAs(allBefore);
	}

	@Test
	@DisplayName("Usage equals the sum of the live and trashed files after writes, overwrites, copies and deletes")
	void usageMatchesTheFiles() {
		dav.put("/dav/files/a.bin", randomBytes(1000));
		dav.put("/dav/files/a.bin", randomBytes(3000));
		dav.method("MKCOL", "/dav/files/dir");
		dav.put("/dav/files/dir/b.bin", randomBytes(500));
		dav.send(dav.request("COPY", "/dav/files/dir", BodyPublishers.noBody()).header("Destination", baseUrl + "/dav/files/dir2"));
		dav.method("DELETE", "/dav/files/dir");
		long sum = jdbc.sql("select coalesce(sum(n.size), 0) from storage_nodes n join storage_spaces s on s.id = n.space_id "
				+ "where s.account_id = ?").param(customer.id().value()).query(Long.class).single();
		assertThat(sum).isEqualTo(3000 + 500 + 500);
		assertThat(usage.of(customer.id()).used()).isEqualTo(sum);
	}

	@Test
	@DisplayName("XML bodies with a DTD (external entities) or absurd nesting are refused with 400 before they are processed")
	void hardenedXml() throws IOException {
		Path secret = Files.createTempFile("secret", ".txt");
		Files.writeString(secret, "TOP-SECRET");
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret + "\">]>"
				+ "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&x;</D:displayname></D:prop></D:propfind>";
		var refused = dav.propfind("/dav/files/", "0", xxe);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("TOP-SECRET");
		String deep = "<a>".repeat(100) + "</a>".repeat(100);
		assertThat(dav.propfind("/dav/files/", "0", deep).statusCode()).isEqualTo(400);
		String huge = "<D:propfind xmlns:D=\"DAV:\"><D:prop>" + "<D:displayname/>".repeat(80_000) + "</D:prop></D:propfind>";
		assertThat(dav.propfind("/dav/files/", "0", huge).statusCode()).isEqualTo(400);
	}

	@Test
	@DisplayName("Files in a vault are always served as opaque bytes, whatever the client declared")
	void vaultContentIsOpaque() {
		dav.send(dav.request("PUT", "/dav/vault/page.html", BodyPublishers.ofString("<script>alert(1)</script>"))
			.header("Content-Type", "text/html"));
		var get = dav.get("/dav/vault/page.html");
		assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/octet-stream"));
	}

	@Test
	@DisplayName("MKCOL on /dav/<name>/ creates a plain space; names outside the rules are refused")
	void mkcolCreatesASpace() {
		assertThat(dav.method("MKCOL", "/dav/photos/").statusCode()).isEqualTo(201);
		assertThat(spaces.find(customer.id(), "photos")).hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(SpaceKind.PLAIN));
		assertThat(dav.method("MKCOL", "/dav/photos/").statusCode()).isEqualTo(405);
		assertThat(dav.method("MKCOL", "/dav/Not_Valid/").statusCode()).isEqualTo(400);
	}

	@Test
	@DisplayName("Deleting moves to the trash: the file is gone for WebDAV, its bytes stay until the trash is emptied")
	void deleteGoesToTheTrash() {
		dav.put("/dav/files/old.txt", "keep me for a while".getBytes(StandardCharsets.UTF_8));
		assertThat(dav.method("DELETE", "/dav/files/old.txt").statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/old.txt").statusCode()).isEqualTo(404);
		var space = spaces.find(customer.id(), "files").orElseThrow();
		assertThat(tree.children(tree.trash(space))).hasSize(1);
		assertThat(tree.resolve(space, FilePath.ROOT)).isPresent();
	}

	/** Journal entries of anyone: those of uploads in progress (of other tests) may remain. */
	private int journalEntries() {
		return jdbc.sql("select count(*) from storage_blob_journal").query(Integer.class).single();
	}

	private List<String> blobFiles() {
		return files();
	}

	/**
	 * Every committed blob of every customer, sorted (tests run one at a time): blob-store objects
	 * and the contents of small files, which are kept in the database.
	 */
	private List<String> allBlobFiles() {
		var all = new java.util.ArrayList<>(StoredBlobs.of(blobStore).committed());
		all.addAll(jdbc.sql("select blob from storage_small_blobs").query(String.class).list());
		return all.stream().sorted().toList();
	}

	/** Temporary upload data of anyone: none may be left once every upload has ended. */
	private List<String> tempFiles() {
		return StoredBlobs.of(blobStore).unfinished();
	}

	/** The committed blobs of this customer's spaces (other tests share the store). */
	private List<String> files() {
		List<String> mine = jdbc.sql("select n.blob from storage_nodes n join storage_spaces s on s.id = n.space_id "
				+ "where s.account_id = ? and n.blob is not null").param(customer.id().value()).query(String.class).list();
		return allBlobFiles().stream().filter(mine::contains).toList();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	/** A stream of random bytes of a given length, sent without a Content-Length (chunked). */
	private static final class RandomStream extends InputStream {

		private final Random random = new Random(7);

		private long remaining;

		RandomStream(long length) {
			this.remaining = length;
		}

		@Override
		public int read() {
			return remaining-- > 0 ? random.nextInt(256) : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (remaining <= 0) {
				return -1;
			}
			int n = (int) Math.min(len, remaining);
			for (int i = 0; i < n; i++) {
				b[off + i] = (byte) random.nextInt(256);
			}
			remaining -= n;
			return n;
		}
	}
}
