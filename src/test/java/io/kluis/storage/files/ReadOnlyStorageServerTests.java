package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.ReadOnlyStorage.Reason;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Storage made read-only (an overdue invoice, a plan that ended): over WebDAV and the JSON API every
 * change is refused with 403 and a message saying why, reads go on, each reason is lifted on its own,
 * and the system's own work (the trash's expiry) is not held up.
 */
@KluisServerTest
class ReadOnlyStorageServerTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	ReadOnlyStorage readOnly;

	@Autowired
	FileTree tree;

	@Autowired
	Usage usage;

	StorageCustomers.Customer customer;

	DavClient dav;

	@BeforeEach
	void customerWithFiles() {
		customer = StorageCustomers.in(context).withAppPassword("test");
		dav = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		assertThat(dav.method("MKCOL", "/dav/files/docs").statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/docs/a.txt", text("one")).statusCode()).isEqualTo(201);
		assertThat(dav.put("/dav/files/docs/b.txt", text("two")).statusCode()).isEqualTo(201);
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] large() {
		byte[] bytes = new byte[200 * 1024];
		Arrays.fill(bytes, (byte) 'x');
		return bytes;
	}

	@Test
	@DisplayName("Read-only storage refuses every WebDAV change with 403 and says why; GET and PROPFIND go on")
	void webdavChangesRefusedReadsServed() {
		long usedBefore = usage.of(customer.id()).used();
		readOnly.set(customer.id(), Reason.PAYMENT_OVERDUE);

		var put = dav.put("/dav/files/docs/a.txt", text("changed"));
		assertThat(put.statusCode()).isEqualTo(403);
		assertThat(put.body()).contains("invoice is overdue");
		assertThat(dav.put("/dav/files/docs/new.txt", text("new")).statusCode()).isEqualTo(403);
		assertThat(dav.put("/dav/files/docs/big.bin", large()).statusCode()).as("a file for the blob store").isEqualTo(403);
		assertThat(dav.method("MKCOL", "/dav/files/other").statusCode()).isEqualTo(403);
		assertThat(dav.method("DELETE", "/dav/files/docs/b.txt").statusCode()).isEqualTo(403);
		assertThat(dav.send(dav.request("MOVE", "/dav/files/docs/b.txt", BodyPublishers.noBody())
			.header("Destination", "/dav/files/docs/c.txt")).statusCode()).isEqualTo(403);
		assertThat(dav.send(dav.request("COPY", "/dav/files/docs/b.txt", BodyPublishers.noBody())
			.header("Destination", "/dav/files/docs/c.txt")).statusCode()).isEqualTo(403);
		assertThat(dav.send(dav.request("PROPPATCH", "/dav/files/docs/b.txt", BodyPublishers.ofString(
				"<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:set><D:prop><Z:note>x</Z:note>"
						+ "</D:prop></D:set></D:propertyupdate>"))
			.header("Content-Type", "application/xml")).statusCode()).isEqualTo(403);
		assertThat(dav.send(dav.request("LOCK", "/dav/files/docs/b.txt", BodyPublishers.ofString(
				"<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
						+ "<D:locktype><D:write/></D:locktype></D:lockinfo>"))
			.header("Content-Type", "application/xml")).statusCode()).isEqualTo(403);

		assertThat(dav.get("/dav/files/docs/a.txt").body()).isEqualTo(text("one"));
		assertThat(dav.get("/dav/files/docs/b.txt").statusCode()).isEqualTo(200);
		assertThat(dav.propfind("/dav/files/docs/", "1", null).statusCode()).isEqualTo(207);
		assertThat(usage.of(customer.id()).used()).as("nothing was counted").isEqualTo(usedBefore);
		assertThat(dav.get("/dav/files/docs/new.txt").statusCode()).as("nothing was stored").isEqualTo(404);
		assertThat(dav.get("/dav/files/docs/c.txt").statusCode()).isEqualTo(404);

		readOnly.lift(customer.id(), Reason.PAYMENT_OVERDUE);
		assertThat(dav.put("/dav/files/docs/a.txt", text("changed")).statusCode()).isEqualTo(204);
		assertThat(dav.get("/dav/files/docs/a.txt").body()).isEqualTo(text("changed"));
	}

	@Test
	@DisplayName("Each reason is lifted on its own: paying an invoice leaves an ended plan's read-only state in force")
	void reasonsLiftedOneByOne() {
		readOnly.set(customer.id(), Reason.PAYMENT_OVERDUE);
		readOnly.set(customer.id(), Reason.SERVICE_ENDED);
		readOnly.set(customer.id(), Reason.SERVICE_ENDED);
		assertThat(readOnly.reasons(customer.id())).containsExactlyInAnyOrder(Reason.PAYMENT_OVERDUE, Reason.SERVICE_ENDED);

		readOnly.lift(customer.id(), Reason.PAYMENT_OVERDUE);
		var put = dav.put("/dav/files/docs/new.txt", text("new"));
		assertThat(put.statusCode()).isEqualTo(403);
		assertThat(put.body()).contains("plan has ended");

		readOnly.lift(customer.id(), Reason.SERVICE_ENDED);
		assertThat(readOnly.reasons(customer.id())).isEmpty();
		assertThat(dav.put("/dav/files/docs/new.txt", text("new")).statusCode()).isEqualTo(201);
	}

	@Test
	@DisplayName("The JSON API answers a change to read-only storage with a 403 problem document of type storage:read-only")
	void apiProblem() {
		readOnly.set(customer.id(), Reason.SUSPENDED_BY_STAFF);
		var response = dav.send(dav.request("POST", "/api/v1/spaces", BodyPublishers.ofString("{\"name\":\"more\"}"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/problem+json, application/json"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("urn:kluis:problem:storage:read-only").contains("decision of our staff");
		assertThat(spaces.find(customer.id(), "more")).isEmpty();
	}

	@Test
	@DisplayName("The system's own work goes on while storage is read-only: the trash still expires and frees the quota")
	void systemWorkGoesOn() {
		Space space = spaces.find(customer.id(), "files").orElseThrow();
		tree.delete(space, tree.resolve(space, FilePath.ofJoined("docs/b.txt")).orElseThrow());
		long used = usage.of(customer.id()).used();
		readOnly.set(customer.id(), Reason.SERVICE_ENDED);

		for (Node item : tree.trashedBefore(space, java.time.Instant.now().plusSeconds(60))) {
			tree.purge(space, item);
		}
		assertThat(usage.of(customer.id()).used()).isEqualTo(used - 3);
	}
}
