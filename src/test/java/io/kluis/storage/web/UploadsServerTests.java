package io.kluis.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.DatabaseScan;
import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.internal.StoredBlobs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Resumable uploads: pieces, resuming after a broken connection, atomic completion, refusals that leave nothing. */
@KluisServerTest
class UploadsServerTests {

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	BlobStore blobStore;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	JdbcClient jdbc;

	@Value("${kluis.data-dir}")
	Path dataDir;

	StorageCustomers customers;

	StorageCustomers.Customer customer;

	DavClient client;

	@BeforeEach
	void customer() {
		customers = StorageCustomers.in(context);
		customer = customers.withAppPassword("uploads");
		client = customer.dav();
		spaces.create(customer.id(), "files", SpaceKind.PLAIN);
	}

	@Test
	@DisplayName("A file uploaded in pieces appears only when complete, byte for byte")
	void piecesBecomeAFile() {
		byte[] content = bytes(3 * 100_000 + 17);
		String location = begin("files", "big.bin", content.length).headers().firstValue("Location").orElseThrow();
		for (int offset = 0; offset < content.length; offset += 100_000) {
			var piece = patch(location, offset, Arrays.copyOfRange(content, offset, Math.min(content.length, offset + 100_000)));
			assertThat(piece.statusCode()).isEqualTo(204);
			assertThat(piece.headers().firstValue("Upload-Offset")).hasValue(Long.toString(Math.min(content.length, offset + 100_000)));
			assertThat(client.get("/dav/files/big.bin").statusCode()).as("not visible before completion").isEqualTo(404);
		}
		var completed = client.method("POST", location + "/complete");
		assertThat(completed.statusCode()).isEqualTo(201);
		assertThat(completed.headers().firstValue("ETag")).isPresent();
		assertThat(client.get("/dav/files/big.bin").body()).isEqualTo(content);
		assertThat(client.method("HEAD", location).statusCode()).as("the upload is over").isEqualTo(404);
	}

	@Test
	@DisplayName("After a connection breaks mid-piece, HEAD tells where to resume and the file completes intact")
	void resumesAfterABrokenConnection() throws IOException {
		byte[] content = bytes(200_000);
		String location = begin("files", "resumed.bin", content.length).headers().firstValue("Location").orElseThrow();
		patch(location, 0, Arrays.copyOfRange(content, 0, 50_000));

		brokenPatch(location, 50_000, Arrays.copyOfRange(content, 50_000, 120_000), 150_000);

		var head = client.method("HEAD", location);
		assertThat(head.headers().firstValue("Upload-Offset")).hasValue("50000");
		assertThat(head.headers().firstValue("Upload-Length")).hasValue("200000");
		var wrong = patch(location, 120_000, Arrays.copyOfRange(content, 120_000, 200_000));
		assertThat(wrong.statusCode()).isEqualTo(409);
		assertThat(wrong.headers().firstValue("Upload-Offset")).hasValue("50000");
		assertThat(wrong.body()).contains("\"type\":\"urn:kluis:problem:storage:offset-mismatch\"");
		patch(location, 50_000, Arrays.copyOfRange(content, 50_000, 200_000));
		assertThat(client.method("POST", location + "/complete").statusCode()).isEqualTo(201);
		assertThat(client.get("/dav/files/resumed.bin").body()).isEqualTo(content);
	}

	@Test
	@DisplayName("Refused before a byte: over quota (507), missing folder (409), bad path (400), someone else's upload (404)")
	void refusals() {
		var huge = begin("files", "huge.bin", 50L * 1024 * 1024 * 1024);
		assertThat(huge.statusCode()).isEqualTo(507);
		assertThat(huge.body()).contains("\"type\":\"urn:kluis:problem:storage:quota-exceeded\"")
			.contains("\"title\":\"Storage full\"");
		var noFolder = begin("files", "no/such/folder.bin", 10);
		assertThat(noFolder.statusCode()).isEqualTo(409);
		assertThat(noFolder.body()).contains("\"type\":\"urn:kluis:problem:storage:parent-missing\"");
		assertThat(begin("files", "a/../b", 10).statusCode()).isEqualTo(400);
		assertThat(begin("nope", "x.bin", 10).statusCode()).isEqualTo(404);
		String location = begin("files", "mine.bin", 10).headers().firstValue("Location").orElseThrow();
		var stranger = customers.withAppPassword("x").dav();
		assertThat(stranger.method("HEAD", location).statusCode()).isEqualTo(404);
		assertThat(stranger.method("DELETE", location).statusCode()).isEqualTo(404);
		// the owner gives up: no temporary data stays behind for later tests of the shared server
		assertThat(client.method("DELETE", location).statusCode()).isEqualTo(204);
	}

	@Test
	@DisplayName("A completion whose precondition fails, or an abort, leaves the old file and no temporary data")
	void failedCompletionLeavesNothing() throws IOException {
		var tempBefore = StoredBlobs.of(blobStore).unfinished();
		client.put("/dav/files/keep.txt", "original".getBytes(StandardCharsets.UTF_8));
		var blobsBefore = blobFiles();
		byte[] content = bytes(1000);
		String location = begin("files", "keep.txt", content.length).headers().firstValue("Location").orElseThrow();
		patch(location, 0, content);
		var refused = client.send(client.request("POST", location + "/complete", BodyPublishers.noBody())
			.header("If-None-Match", "*"));
		assertThat(refused.statusCode()).isEqualTo(412);
		assertThat(new String(client.get("/dav/files/keep.txt").body(), StandardCharsets.UTF_8)).isEqualTo("original");
		assertThat(blobFiles()).as("the refused upload's blob was discarded").isEqualTo(blobsBefore);

		String aborted = begin("files", "gone.bin", content.length).headers().firstValue("Location").orElseThrow();
		patch(aborted, 0, Arrays.copyOfRange(content, 0, 500));
		assertThat(client.method("DELETE", aborted).statusCode()).isEqualTo(204);
		assertThat(client.get("/dav/files/gone.bin").statusCode()).isEqualTo(404);
		assertThat(StoredBlobs.of(blobStore).unfinished()).as("no temporary data left").isEqualTo(tempBefore);
	}

	@Test
	@DisplayName("SEC-3: a plain space's upload is sealed piece by piece: no piece's plaintext in the blob store or the database while it arrives or after, the file is the very blob the pieces went to, and it reads back whole and in ranges")
	void piecesAreSealedAsTheyArrive() {
		String marker = "Zeldzaam" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		byte[] content = text(marker, 3 * 65_536 + 12_345);
		var stored = StoredBlobs.of(blobStore);
		var committedBefore = stored.committed();
		String location = begin("files", "sealed.bin", content.length).headers().firstValue("Location").orElseThrow();
		String blob = uploadBlob(location);
		assertThat(blob).as("the blob is chosen when the upload starts, as a sealed one").startsWith("z");
		int offset = 0;
		for (int size : new int[] { 1, 40_000, 65_535, 70_001, 2, 30_000, 100_000 }) {
			int end = Math.min(content.length, offset + size);
			assertThat(patch(location, offset, Arrays.copyOfRange(content, offset, end)).statusCode()).isEqualTo(204);
			offset = end;
			assertThat(stored.containing(marker.getBytes(StandardCharsets.UTF_8))).as("after %d bytes", offset).isEmpty();
			assertThat(dataDirFilesContaining(marker)).as("after %d bytes", offset).isEmpty();
		}
		assertThat(offset).isEqualTo(content.length);
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(marker))).as("nor is the carried-over plaintext").isEmpty();

		assertThat(client.method("POST", location + "/complete").statusCode()).isEqualTo(201);
		var added = new java.util.ArrayList<>(stored.committed());
		added.removeAll(committedBefore);
		assertThat(added).as("the file is the blob the pieces went to; completion wrote no other").containsExactly(blob);
		assertThat(stored.containing(marker.getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(dataDirFilesContaining(marker)).isEmpty();
		assertThat(client.get("/dav/files/sealed.bin").body()).isEqualTo(content);
		for (int[] range : new int[][] { { 0, 0 }, { 65_530, 65_545 }, { 131_071, 196_608 }, { content.length - 7, content.length - 1 } }) {
			var part = client.sendForBytes(client.request("GET", "/dav/files/sealed.bin", BodyPublishers.noBody())
				.header("Range", "bytes=" + range[0] + "-" + range[1]));
			assertThat(part.statusCode()).isEqualTo(206);
			assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, range[0], range[1] + 1));
		}
	}

	@Test
	@DisplayName("Empty uploads complete to an empty file; a vault's upload is kept exactly as sent")
	void emptyAndVaultUploads() {
		String empty = begin("files", "empty.bin", 0).headers().firstValue("Location").orElseThrow();
		assertThat(patch(empty, 0, new byte[0]).statusCode()).isEqualTo(204);
		assertThat(client.method("POST", empty + "/complete").statusCode()).isEqualTo(201);
		assertThat(client.get("/dav/files/empty.bin").body()).isEmpty();

		byte[] ciphertext = bytes(150_001);
		String vault = begin("vault", "x.c9r", ciphertext.length).headers().firstValue("Location").orElseThrow();
		String blob = uploadBlob(vault);
		assertThat(blob).as("a vault's blob is not sealed again").doesNotStartWith("z");
		assertThat(patch(vault, 0, Arrays.copyOfRange(ciphertext, 0, 70_000)).statusCode()).isEqualTo(204);
		assertThat(patch(vault, 70_000, Arrays.copyOfRange(ciphertext, 70_000, ciphertext.length)).statusCode()).isEqualTo(204);
		assertThat(client.method("POST", vault + "/complete").statusCode()).isEqualTo(201);
		assertThat(StoredBlobs.of(blobStore).committed()).contains(blob);
		assertThat(client.get("/dav/vault/x.c9r").body()).isEqualTo(ciphertext);
	}

	/** Files under the data directory that hold {@code text} (blobs, temp files, an embedded database's files). */
	private List<Path> dataDirFilesContaining(String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		if (!Files.isDirectory(dataDir)) {
			return List.of(); // nothing is kept on local disk (blobs on S3, the database elsewhere)
		}
		try (Stream<Path> files = Files.walk(dataDir)) {
			return files.filter(Files::isRegularFile).filter(file -> {
				try {
					return StoredBlobs.contains(Files.readAllBytes(file), needle);
				}
				catch (IOException e) {
					return false; // gone meanwhile
				}
			}).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private String uploadBlob(String location) {
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		return jdbc.sql("select blob from storage_uploads where id = ?").param(id).query(String.class).single();
	}

	private static byte[] text(String marker, int size) {
		byte[] line = (marker + " ").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[size];
		for (int i = 0; i < size; i++) {
			content[i] = line[i % line.length];
		}
		return content;
	}

	private java.util.List<String> blobFiles() {
		return StoredBlobs.of(blobStore).committed();
	}

	private HttpResponse<String> begin(String space, String path, long length) {
		return client.send(client.request("POST", "/api/v1/uploads", BodyPublishers.ofString(
				"{\"space\":\"" + space + "\",\"path\":\"" + path + "\",\"length\":" + length + "}"))
			.header("Content-Type", "application/json"));
	}

	private HttpResponse<String> patch(String location, long offset, byte[] piece) {
		return client.send(client.request("PATCH", location, BodyPublishers.ofByteArray(piece))
			.header("Upload-Offset", Long.toString(offset))
			.header("Content-Type", "application/offset+octet-stream"));
	}

	/** Announces {@code announced} bytes, sends fewer, and drops the connection. */
	private void brokenPatch(String location, long offset, byte[] sent, int announced) throws IOException {
		URI uri = URI.create(baseUrl);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			OutputStream out = socket.getOutputStream();
			String auth = Base64.getEncoder().encodeToString((customer.email() + ":" + customer.appPassword()).getBytes(StandardCharsets.UTF_8));
			out.write(("PATCH " + location + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
					+ "Authorization: Basic " + auth + "\r\n" + TestServer.X_FORWARDED_FOR + ": "
					+ TestServer.uniqueClientAddress() + "\r\nUpload-Offset: " + offset + "\r\n"
					+ "Content-Type: application/offset+octet-stream\r\nContent-Length: " + announced + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(sent);
			out.flush();
		}
		// the server notices the broken request; wait until the piece counted for nothing
		for (int i = 0; i < 50 && !"50000".equals(client.method("HEAD", location).headers().firstValue("Upload-Offset").orElse("")); i++) {
			sleep();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
