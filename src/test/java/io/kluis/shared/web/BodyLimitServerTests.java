package io.kluis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, section 2: unbounded request bodies. Kluis runs as its own JVM with a small heap
 * ({@code -Xmx256m}, less than the outside test's 512 MiB that ran out of memory) on the embedded
 * default, and gets six 50 MB JSON bodies at once on the unauthenticated registration route: every
 * one is refused with 413 and a problem document, none is a 500, and the server stays healthy. A
 * chunked body (no {@code Content-Length}) over the limit is refused the same way.
 * <p>
 * The server answers before the body has arrived and closes the connection instead of reading the
 * rest. The client here reads the answer while it is still sending, as curl and urllib3 do (Java's
 * {@code HttpClient} reports the closed connection instead of the answer it received).
 */
class BodyLimitServerTests {

	static final int PARALLEL = 6;

	static final int FIFTY_MB = 50 * 1024 * 1024;

	static KluisProcess server;

	static HttpClient http;

	@BeforeAll
	static void start() throws IOException {
		Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "bodies-");
		server = KluisProcess.start(dataDir, "256m", Map.of());
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	@DisplayName("SEC-5: six parallel 50 MB JSON bodies to POST /api/v1/accounts at -Xmx256m: all 413 problem documents, no 500, server healthy")
	void sixParallelFiftyMegabyteJsonBodiesAreAllRefusedWith413AndTheServerStaysHealthy() throws Exception {
		var pool = Executors.newFixedThreadPool(PARALLEL);
		var answers = new ArrayList<CompletableFuture<RawClient.Answer>>();
		for (int i = 0; i < PARALLEL; i++) {
			answers.add(CompletableFuture.supplyAsync(() -> RawClient.post(server.base(), "/api/v1/accounts",
					"application/json", fiftyMegabytesOfJson(), false), pool));
		}
		List<RawClient.Answer> responses = new ArrayList<>();
		for (var answer : answers) {
			responses.add(answer.get(3, TimeUnit.MINUTES));
		}
		pool.shutdown();
		assertThat(responses).extracting(RawClient.Answer::status).containsOnly(413);
		for (var response : responses) {
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":413");
			assertThat(response.header("Content-Security-Policy")).isNotEmpty();
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		}
		assertThat(server.healthy(http)).as("healthy after the flood").isTrue();
		assertThat(post("{\"email\":").statusCode()).as("still answers a small body").isEqualTo(400);
		assertThat(server.logText()).doesNotContain("OutOfMemoryError");
	}

	@Test
	@DisplayName("SEC-5: a chunked JSON body (no Content-Length) over the limit is refused with 413 once it passes the limit")
	void aChunkedJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
		var answer = RawClient.post(server.base(), "/api/v1/accounts", "application/json", fiftyMegabytesOfJson(), true);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.body()).contains("\"status\":413");
		var small = RawClient.post(server.base(), "/api/v1/accounts", "application/json",
				"{\"email\": \"x\", \"firstName\": 12".getBytes(StandardCharsets.UTF_8), true);
		assertThat(small.status()).as("a small chunked body is read as usual").isEqualTo(400);
		assertThat(server.healthy(http)).isTrue();
	}

	private static byte[] fiftyMegabytesOfJson() {
		byte[] body = new byte[FIFTY_MB];
		byte[] head = "{\"email\":\"a@example.org\",\"firstName\":\"".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(head, 0, body, 0, head.length);
		java.util.Arrays.fill(body, head.length, body.length - 2, (byte) 'x');
		body[body.length - 2] = '"';
		body[body.length - 1] = '}';
		return body;
	}

	private static HttpResponse<String> post(String json) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/accounts"))
			.timeout(Duration.ofMinutes(2))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(BodyPublishers.ofString(json))
			.build();
		return http.send(request, BodyHandlers.ofString());
	}
}
