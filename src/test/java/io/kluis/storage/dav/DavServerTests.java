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
	@DisplayName("Over quota: a PUT with a known length is refused (507: a large one before any byte, a small one in its transaction); a chunked one stops mid-upload and leaves nothing")
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

		var inDatabase = jdbc.sql("select n.id from storage_nodes n "
				+ "join storage_spaces s on s.id = n.space_id where s.account_id = ? and n.small_content is not null")
			.param(customer.id().value())
			.query(java.util.UUID.class)
			.list()
			.stream()
			.map(id -> context.getBean(io.kluis.storage.files.Nodes.class).find(id).orElseThrow().name())
			.toList();
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
	@DisplayName("XML bodies with a DTD (external entities) or absurd nesting are refused with 400, oversize ones with 413, before they are processed")
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
		assertThat(dav.propfind("/dav/files/", "0", huge).statusCode()).as("over the XML body limit").isEqualTo(413);
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
	@Test
	@DisplayName("Dead properties are limited per resource (count and bytes) and count toward the quota: 507 in the multistatus, nothing stored")
	void deadPropertiesAreLimitedAndCountTowardTheQuota() {
		usage.setQuota(customer.id(), 2_000_000L);
		assertThat(dav.put("/dav/files/one.bin", new byte[] { 7 }).statusCode()).isEqualTo(201);
		long before = usage.of(customer.id()).used();

		var small = proppatch("/dav/files/one.bin", java.util.Map.of("colour", "blue"));
		assertThat(small.statusCode()).isEqualTo(207);
		assertThat(small.body()).contains("HTTP/1.1 200 OK");
		long withProperty = usage.of(customer.id()).used();
		assertThat(withProperty).as("the property's bytes count").isGreaterThan(before + 4);

		var many = new java.util.LinkedHashMap<String, String>();
		for (int i = 0; i < 101; i++) {
			many.put("p" + i, "x");
		}
		var tooMany = proppatch("/dav/files/one.bin", many);
		assertThat(tooMany.statusCode()).isEqualTo(207);
		assertThat(tooMany.body()).contains("HTTP/1.1 507 Insufficient Storage").doesNotContain("200 OK");
		var large = new java.util.LinkedHashMap<String, String>();
		for (int i = 0; i < 3; i++) {
			large.put("big" + i, "y".repeat(50_000));
		}
		assertThat(proppatch("/dav/files/one.bin", large).body()).as("150 KB on one resource")
			.contains("HTTP/1.1 507 Insufficient Storage");
		assertThat(usage.of(customer.id()).used()).as("nothing of the refused ones stored").isEqualTo(withProperty);
		assertThat(dav.propfind("/dav/files/one.bin", "0", null).body()).contains("blue").doesNotContain("yyyyy");

		// the outside test: megabytes of properties beside one-byte files, past a 2 MB quota
		int refused = 0;
		for (int i = 0; i < 30; i++) {
			dav.put("/dav/files/f" + i + ".bin", new byte[] { 1 });
			var body = proppatch("/dav/files/f" + i + ".bin", java.util.Map.of("a", "z".repeat(50_000), "b", "z".repeat(50_000)));
			if (body.body().contains("507 Insufficient Storage")) {
				refused++;
			}
		}
		assertThat(refused).as("the quota stops them").isPositive();
		assertThat(usage.of(customer.id()).used()).isLessThanOrEqualTo(2_000_000L);

		// properties go with their file: copied, trashed and purged with it
		long beforeCopy = usage.of(customer.id()).used();
		usage.setQuota(customer.id(), null);
		dav.send(dav.request("COPY", "/dav/files/one.bin", BodyPublishers.noBody()).header("Destination", baseUrl + "/dav/files/two.bin"));
		assertThat(usage.of(customer.id()).used()).isEqualTo(beforeCopy + (withProperty - before) + 1);
		dav.method("DELETE", "/dav/files/two.bin");
		var trashed = tree.trashItems(spaces.find(customer.id(), "files").orElseThrow());
		tree.purgeFromTrash(spaces.find(customer.id(), "files").orElseThrow(), trashed.get(0).node().id());
		assertThat(usage.of(customer.id()).used()).isEqualTo(beforeCopy);
	}

	@Test
	@DisplayName("A PROPPATCH body over the XML limit is refused with 413")
	void anOversizePropertyUpdateIsRefusedWith413() {
		dav.put("/dav/files/one.bin", new byte[] { 7 });
		var huge = new java.util.LinkedHashMap<String, String>();
		for (int i = 0; i < 30; i++) {
			huge.put("h" + i, "w".repeat(50_000));
		}
		assertThat(proppatch("/dav/files/one.bin", huge).statusCode()).isEqualTo(413);
	}

	@Test
	@DisplayName("NFC and NFD spellings of a name are one file: PUT in NFD, GET in NFC finds it, PROPFIND lists one")
	void nfcAndNfdSpellingsAreOneFile() {
		String nfd = "Cafe%CC%81.txt"; // e + combining acute accent
		String nfc = "Caf%C3%A9.txt"; // é
		assertThat(dav.put("/dav/files/" + nfd, "koffie".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
		var get = dav.get("/dav/files/" + nfc);
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("koffie");
		assertThat(dav.put("/dav/files/" + nfc, "thee".getBytes(StandardCharsets.UTF_8)).statusCode())
			.as("the same file, replaced").isEqualTo(204);
		var listing = dav.propfind("/dav/files/", "1", null).body();
		assertThat(listing).contains("/dav/files/" + nfc).doesNotContain(nfd);
		assertThat(listing.split("<D:response>", -1)).as("the space and one file").hasSize(3);
		assertThat(dav.send(dav.request("MOVE", "/dav/files/" + nfc, BodyPublishers.noBody())
			.header("Destination", baseUrl + "/dav/files/Re%CC%81sume%CC%81.txt")).statusCode()).isEqualTo(201);
		assertThat(dav.get("/dav/files/R%C3%A9sum%C3%A9.txt").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("Names with bidirectional controls (U+202E and others) or control characters are refused with 400")
	void bidiAndControlCharactersInNamesAreRefused() {
		for (String name : List.of("invoice%E2%80%AEfdp.exe", "a%E2%81%A6b", "a%E2%80%8Fb", "a%D8%9Cb", "a%C2%85b",
				"a%E2%80%A8b", "a%09b")) {
			var put = dav.put("/dav/files/" + name, new byte[] { 1 });
			assertThat(put.statusCode()).as(name).isEqualTo(400);
			assertThat(put.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
			assertThat(dav.method("MKCOL", "/dav/files/" + name).statusCode()).as(name).isEqualTo(400);
		}
		dav.put("/dav/files/ok.txt", new byte[] { 1 });
		assertThat(dav.send(dav.request("MOVE", "/dav/files/ok.txt", BodyPublishers.noBody())
			.header("Destination", baseUrl + "/dav/files/ok%E2%80%AEtxt.exe")).statusCode()).isEqualTo(400);
		assertThat(dav.get("/dav/files/ok.txt").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("RFC 4918 9.8.4/9.9.4: COPY and MOVE to a Destination on another server are refused with 502 and change nothing")
	void aDestinationOnAnotherServerIsRefusedWith502() {
		dav.put("/dav/files/stay.txt", "here".getBytes(StandardCharsets.UTF_8));
		for (String method : List.of("COPY", "MOVE")) {
			for (String elsewhere : List.of("http://other.example.org/dav/files/gone.txt",
					baseUrl.replace("localhost", "127.0.0.2") + "/dav/files/gone.txt",
					baseUrl.replaceFirst(":(\\d+)$", ":1") + "/dav/files/gone.txt")) {
				var response = dav.send(dav.request(method, "/dav/files/stay.txt", BodyPublishers.noBody())
					.header("Destination", elsewhere));
				assertThat(response.statusCode()).as(method + " " + elsewhere).isEqualTo(502);
			}
		}
		assertThat(dav.get("/dav/files/stay.txt").statusCode()).isEqualTo(200);
		assertThat(dav.get("/dav/files/gone.txt").statusCode()).isEqualTo(404);
		assertThat(dav.send(dav.request("COPY", "/dav/files/stay.txt", BodyPublishers.noBody())
			.header("Destination", baseUrl + "/dav/files/copy.txt")).statusCode()).as("this server").isEqualTo(201);
		assertThat(dav.send(dav.request("MOVE", "/dav/files/copy.txt", BodyPublishers.noBody())
			.header("Destination", "/dav/files/moved.txt")).statusCode()).as("a bare path").isEqualTo(201);
	}

	private java.net.http.HttpResponse<String> proppatch(String path, java.util.Map<String, String> properties) {
		var body = new StringBuilder("<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:kluis:test\">"
				+ "<D:set><D:prop>");
		properties.forEach((name, value) -> body.append("<Z:").append(name).append('>').append(value).append("</Z:")
			.append(name).append('>'));
		body.append("</D:prop></D:set></D:propertyupdate>");
		return dav.send(dav.request("PROPPATCH", path, BodyPublishers.ofString(body.toString()))
			.header("Content-Type", "application/xml"));
	}

	private List<String> allBlobFiles() {
		var all = new java.util.ArrayList<>(StoredBlobs.of(blobStore).committed());
		all.addAll(jdbc.sql("select distinct blob from storage_nodes where small_content is not null").query(String.class).list());
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

	@Test
	@DisplayName("Small PUTs of one file at once (no lock read first): each is answered 201 or 204 with its own ETag, one version stays whole, the quota counts it once")
	void concurrentSmallPutsOfOneFile() throws Exception {
		dav.put("/dav/files/hot.bin", randomBytes(100));
		long usedBefore = usage.of(customer.id()).used() - 100;
		List<byte[]> versions = java.util.stream.IntStream.range(0, 8).mapToObj(i -> randomBytes(1000 + i)).toList();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			var answers = pool.invokeAll(versions.stream()
				.map(v -> (java.util.concurrent.Callable<java.net.http.HttpResponse<String>>) () -> dav.put("/dav/files/hot.bin", v))
				.toList());
			var etags = new java.util.HashSet<String>();
			for (var answer : answers) {
				assertThat(answer.get().statusCode()).isIn(201, 204);
				etags.add(answer.get().headers().firstValue("ETag").orElseThrow());
			}
			assertThat(etags).as("every write has its own ETag").hasSize(8);
		}
		finally {
			pool.shutdown();
		}
		byte[] stored = dav.get("/dav/files/hot.bin").body();
		assertThat(versions).anySatisfy(v -> assertThat(v).isEqualTo(stored));
		assertThat(usage.of(customer.id()).used()).isEqualTo(usedBefore + stored.length);
	}

	@Test
	@DisplayName("A copy of a small file keeps its contents when the original is replaced and when it is deleted for good")
	void copiesOfSmallFilesKeepTheirContents() {
		byte[] original = randomBytes(3000);
		dav.put("/dav/files/orig.bin", original);
		assertThat(dav.send(dav.request("COPY", "/dav/files/orig.bin", BodyPublishers.noBody())
			.header("Destination", baseUrl + "/dav/files/copy.bin")).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/orig.bin", randomBytes(2000)).statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/copy.bin").body()).isEqualTo(original);
		var space = spaces.find(customer.id(), "files").orElseThrow();
		tree.purge(space, tree.resolve(space, FilePath.of(List.of("orig.bin"))).orElseThrow());
		assertThat(dav.get("/dav/files/copy.bin").body()).isEqualTo(original);
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
