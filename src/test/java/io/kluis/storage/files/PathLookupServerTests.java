package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Paths resolved by one statement ({@link Nodes#atPath}, once no plain names remain) and small files
 * written in one transaction without look-ups before it ({@code FileWrites.writeSmall}) answer
 * exactly as the name-by-name walk and the checked write did: found, missing, a file in the middle
 * of a path, paths deeper than the joined limit, conditional PUTs, a folder in the way, the quota.
 */
@KluisServerTest
class PathLookupServerTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	AtRest atRest;

	@Autowired
	Usage usage;

	StorageCustomers.Customer customer;

	DavClient dav;

	boolean plainNamesBefore;

	@BeforeEach
	void customerWithAPlainSpaceAndNoPlainNames() {
		customer = StorageCustomers.in(context).withAppPassword("test");
		dav = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		plainNamesBefore = atRest.plainNamesMayRemain();
		atRest.plainNamesMayRemain(false);
	}

	@AfterEach
	void restore() {
		atRest.plainNamesMayRemain(plainNamesBefore);
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	@DisplayName("Joined path look-ups find files and folders at every depth, and nothing through a file or a missing folder")
	void joinedLookups() {
		assertThat(dav.method("MKCOL", "/dav/files/a").statusCode()).isEqualTo(201);
		assertThat(dav.method("MKCOL", "/dav/files/a/b").statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/a/b/c.txt", text("one")).statusCode()).isEqualTo(201);
		assertThat(dav.get("/dav/files/a/b/c.txt").body()).isEqualTo(text("one"));
		assertThat(dav.put("/dav/files/a/b/c.txt", text("two")).statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/a/b/c.txt").body()).isEqualTo(text("two"));
		assertThat(dav.propfind("/dav/files/a/b/", "1", null).body()).contains("c.txt");

		assertThat(dav.get("/dav/files/a/b/c.txt/d").statusCode()).as("a file has no members").isEqualTo(404);
		assertThat(dav.put("/dav/files/a/b/c.txt/d", text("x")).statusCode()).isEqualTo(409);
		assertThat(dav.get("/dav/files/a/missing/c.txt").statusCode()).isEqualTo(404);
		assertThat(dav.put("/dav/files/a/missing/c.txt", text("x")).statusCode()).isEqualTo(409);
		assertThat(dav.get("/dav/files/b/c.txt").statusCode()).as("names are looked up in their own folder").isEqualTo(404);

		var deep = new StringBuilder("/dav/files");
		for (int i = 0; i <= Nodes.MAX_JOINED_DEPTH + 1; i++) {
			deep.append("/d").append(i);
			assertThat(dav.method("MKCOL", deep.toString()).statusCode()).isEqualTo(201);
		}
		assertThat(dav.put(deep + "/deep.txt", text("deep")).statusCode()).isEqualTo(201);
		assertThat(dav.get(deep + "/deep.txt").body()).as("deeper than the joined limit: walked").isEqualTo(text("deep"));
	}

	@Test
	@DisplayName("A small PUT checks the folder in the way, its preconditions and the quota in its transaction")
	void smallWritesCheckInTheirTransaction() {
		assertThat(dav.method("MKCOL", "/dav/files/folder").statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/folder", text("x")).statusCode()).isEqualTo(405);
		assertThat(dav.put("/dav/files/notes.txt", text("first")).statusCode()).isEqualTo(201);

		var noOverwrite = dav.send(dav.request("PUT", "/dav/files/notes.txt", BodyPublishers.ofByteArray(text("second")))
			.header("If-None-Match", "*"));
		assertThat(noOverwrite.statusCode()).isEqualTo(412);
		var onlyExisting = dav.send(dav.request("PUT", "/dav/files/new.txt", BodyPublishers.ofByteArray(text("x")))
			.header("If-Match", "*"));
		assertThat(onlyExisting.statusCode()).isEqualTo(412);
		String etag = dav.get("/dav/files/notes.txt").headers().firstValue("ETag").orElseThrow();
		var matching = dav.send(dav.request("PUT", "/dav/files/notes.txt", BodyPublishers.ofByteArray(text("third")))
			.header("If-Match", etag));
		assertThat(matching.statusCode()).isEqualTo(204);
		var stale = dav.send(dav.request("PUT", "/dav/files/notes.txt", BodyPublishers.ofByteArray(text("fourth")))
			.header("If-Match", etag));
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(dav.get("/dav/files/notes.txt").body()).isEqualTo(text("third"));
		assertThat(dav.get("/dav/files/new.txt").statusCode()).isEqualTo(404);

		long used = usage.of(customer.id()).used();
		usage.setQuota(customer.id(), used + 10);
		try {
			assertThat(dav.put("/dav/files/full.txt", text("more than ten bytes")).statusCode()).isEqualTo(507);
			assertThat(dav.get("/dav/files/full.txt").statusCode()).isEqualTo(404);
			assertThat(usage.of(customer.id()).used()).isEqualTo(used);
			assertThat(dav.put("/dav/files/fits.txt", text("ten bytes!")).statusCode()).isEqualTo(201);
		}
		finally {
			usage.setQuota(customer.id(), null);
		}
	}
}
