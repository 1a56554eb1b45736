package io.kluis.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.files.BlobSweep;
import io.kluis.storage.internal.StoredBlobs;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 8, section 2: the per-customer limits of storage hold under concurrency (spaces, open
 * uploads), names are one spelling at every entry point, and what killed uploads leave in the blob
 * store's temporary directory is swept.
 */
@KluisServerTest
class StorageLimitsServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	@Autowired
	BlobStore blobStore;

	@Autowired
	BlobSweep sweep;

	@Autowired
	Clock clock;

	DavClient client;

	@BeforeEach
	void customer() {
		client = StorageCustomers.in(context).withAppPassword("limits").dav();
	}

	@Test
	@DisplayName("kluis.storage.max-spaces holds under parallel creation over HTTP: exactly 20 spaces (the vault included) afterwards")
	void parallelSpaceCreationStopsAtTheMaximum() throws Exception {
		var pool = Executors.newFixedThreadPool(8);
		var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < 30; i++) {
			String body = "{\"name\":\"space-" + i + "\"}";
			answers.add(CompletableFuture.supplyAsync(() -> post("/api/v1/spaces", body), pool));
		}
		var statuses = new ArrayList<Integer>();
		for (var answer : answers) {
			statuses.add(answer.get(2, TimeUnit.MINUTES).statusCode());
		}
		pool.shutdown();
		assertThat(statuses).containsOnly(201, 403);
		assertThat(statuses.stream().filter(s -> s == 201)).hasSize(19);
		assertThat(JSON.readTree(client.method("GET", "/api/v1/spaces").body())).hasSize(20);
	}

	@Test
	@DisplayName("Open resumable uploads per customer are capped (kluis.storage.max-open-uploads, 20), also when started in parallel: 429 naming the limit; one ended makes room")
	void openUploadsAreCapped() throws Exception {
		post("/api/v1/spaces", "{\"name\":\"big\"}");
		var pool = Executors.newFixedThreadPool(8);
		var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < 30; i++) {
			String body = "{\"space\":\"big\",\"path\":\"file-" + i + ".bin\",\"length\":1000}";
			answers.add(CompletableFuture.supplyAsync(() -> post("/api/v1/uploads", body), pool));
		}
		var started = new ArrayList<String>();
		int refused = 0;
		for (var answer : answers) {
			var response = answer.get(2, TimeUnit.MINUTES);
			if (response.statusCode() == 201) {
				started.add(response.headers().firstValue("Location").orElseThrow());
			}
			else {
				assertThat(response.statusCode()).isEqualTo(429);
				assertThat(response.body()).contains("20 uploads in progress", "max-open-uploads");
				refused++;
			}
		}
		pool.shutdown();
		assertThat(started).hasSize(20);
		assertThat(refused).isEqualTo(10);
		assertThat(client.method("DELETE", started.get(0)).statusCode()).isEqualTo(204);
		assertThat(post("/api/v1/uploads", "{\"space\":\"big\",\"path\":\"one-more.bin\",\"length\":10}").statusCode())
			.isEqualTo(201);
	}

	@Test
	@DisplayName("Resumable uploads and share links take names in NFC like WebDAV: an NFD path reaches the NFC file; a bidi control is refused")
	void uploadsAndSharesNormalizeNames() {
		post("/api/v1/spaces", "{\"name\":\"docs\"}");
		String nfd = "Cafe\u0301.txt";
		var begun = post("/api/v1/uploads", "{\"space\":\"docs\",\"path\":\"" + nfd + "\",\"length\":6}");
		assertThat(begun.statusCode()).isEqualTo(201);
		String location = begun.headers().firstValue("Location").orElseThrow();
		assertThat(client.send(client.request("PATCH", location, BodyPublishers.ofByteArray("koffie".getBytes(StandardCharsets.UTF_8)))
			.header("Upload-Offset", "0")
			.header("Content-Type", "application/offset+octet-stream")).statusCode()).isEqualTo(204);
		assertThat(client.method("POST", location + "/complete").statusCode()).isEqualTo(201);
		assertThat(client.get("/dav/docs/Caf%C3%A9.txt").statusCode()).as("the NFC name").isEqualTo(200);

		assertThat(post("/api/v1/shares", "{\"space\":\"docs\",\"path\":\"Caf\u00e9.txt\"}").statusCode()).isEqualTo(201);
		assertThat(post("/api/v1/shares", "{\"space\":\"docs\",\"path\":\"" + nfd + "\"}").statusCode())
			.as("the NFD spelling names the same file").isEqualTo(201);
		var bidi = post("/api/v1/uploads", "{\"space\":\"docs\",\"path\":\"invoice\u202Efdp.exe\",\"length\":6}");
		assertThat(bidi.statusCode()).isEqualTo(400);
		assertThat(bidi.body()).contains("bidirectional");
		assertThat(post("/api/v1/spaces", "{\"name\":\"a\u202Eb\"}").statusCode()).as("space names too").isEqualTo(400);
	}

	@Test
	@DisplayName("The sweep removes temporary files of uploads killed mid-way once they are older than kluis.storage.stale-part-age, and only those")
	void staleTemporaryFilesOfKilledUploadsAreSwept() throws Exception {
		Assumptions.assumeTrue(StoredBlobs.of(blobStore) instanceof StoredBlobs.OnDisk, "the filesystem backend");
		Path temp = ((StoredBlobs.OnDisk) StoredBlobs.of(blobStore)).root().resolve(".tmp");
		Path stale = Files.writeString(temp.resolve("a0000000000000000000000000000001.killed.part"), "half a file");
		Files.setLastModifiedTime(stale, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
		Path fresh = Files.writeString(temp.resolve("a0000000000000000000000000000002.running.part"), "in progress");
		Files.setLastModifiedTime(fresh, FileTime.from(clock.instant().minus(Duration.ofMinutes(1))));
		try {
			sweep.sweep();
			assertThat(stale).as("older than an hour: a killed upload's").doesNotExist();
			assertThat(fresh).as("written a minute ago: maybe in progress on another node").exists();
		}
		finally {
			Files.deleteIfExists(fresh);
		}
	}

	private HttpResponse<String> post(String path, String json) {
		return client.send(client.request("POST", path, BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
	}
}
