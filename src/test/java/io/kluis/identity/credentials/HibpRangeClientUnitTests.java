package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kluis.identity.credentials.PwnedPasswords.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Against a local stand-in for api.pwnedpasswords.com; tests never reach the internet. */
@ExtendWith(OutputCaptureExtension.class)
class HibpRangeClientUnitTests {

	/** SHA-1("password") = 5BAA6 1E4C9B93F3F0682250B6CF8331B7EE68FD8. */
	static final String PASSWORD = "password";

	static final String SUFFIX = "1E4C9B93F3F0682250B6CF8331B7EE68FD8";

	HttpServer server;

	final List<String> requests = new CopyOnWriteArrayList<>();

	volatile String response = "";

	volatile int status = 200;

	volatile long delayMillis;

	@BeforeEach
	void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " headers="
					+ new java.util.TreeMap<>(exchange.getRequestHeaders()) + " body=" + new String(body, StandardCharsets.UTF_8));
			sleep(delayMillis);
			byte[] answer = response.getBytes(StandardCharsets.US_ASCII);
			exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stopServer() {
		server.stop(0);
	}

	HibpRangeClient client(Duration timeout) {
		return new HibpRangeClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), timeout);
	}

	@Test
	void sendsOnlyTheFiveCharacterHashPrefixWithPadding() {
		response = SUFFIX + ":3\r\n";

		client(Duration.ofSeconds(2)).check(PASSWORD);

		assertThat(requests).hasSize(1);
		String request = requests.get(0);
		assertThat(request).startsWith("GET /range/5BAA6 ").contains("Add-padding=[true]").endsWith("body=");
		assertThat(request.toUpperCase()).doesNotContain(SUFFIX).doesNotContain("PASSWORD").doesNotContain("5BAA61");
	}

	@Test
	void reportsABreachWhenTheSuffixHasAPositiveCount() {
		response = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n" + SUFFIX.toLowerCase() + ":10437277\r\n"
				+ "011053FD0102E94D6AE2F8B83D76FAF94F6:0\r\n";

		assertThat(client(Duration.ofSeconds(2)).check(PASSWORD)).isEqualTo(Status.BREACHED);
	}

	@Test
	void treatsZeroCountPaddingAndAbsenceAsNotFound() {
		response = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n" + SUFFIX + ":0\r\n";
		assertThat(client(Duration.ofSeconds(2)).check(PASSWORD)).isEqualTo(Status.NOT_FOUND);

		response = "0018A45C4D1DEF81644B54AB7F969B88D65:1\n";
		assertThat(client(Duration.ofSeconds(2)).check(PASSWORD)).isEqualTo(Status.NOT_FOUND);
	}

	@Test
	void parsesRangeResponsesLineByLine() {
		assertThat(HibpRangeClient.contains("garbage\r\n\r\n" + SUFFIX + ":2", SUFFIX)).isEqualTo(Status.BREACHED);
		assertThat(HibpRangeClient.contains(SUFFIX + ":x", SUFFIX)).isEqualTo(Status.NOT_FOUND);
		assertThat(HibpRangeClient.contains("", SUFFIX)).isEqualTo(Status.NOT_FOUND);
		assertThat(HibpRangeClient.sha1Hex(PASSWORD)).isEqualTo("5BAA6" + SUFFIX);
	}

	@Test
	void failsOpenOnAServerErrorAndLogsOnlyAnEventCode(CapturedOutput output) {
		status = 503;

		assertThat(client(Duration.ofSeconds(2)).check(PASSWORD)).isEqualTo(Status.UNKNOWN);
		assertThat(output.getAll()).contains("IDENTITY_HIBP_UNAVAILABLE").doesNotContain("5BAA6")
			.doesNotContain(PASSWORD + " ");
	}

	@Test
	void failsOpenOnATimeout() {
		delayMillis = 1500;

		long start = System.nanoTime();
		assertThat(client(Duration.ofMillis(200)).check(PASSWORD)).isEqualTo(Status.UNKNOWN);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
	}

	@Test
	void failsOpenWhenNothingListens() {
		var closed = new HibpRangeClient(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));

		assertThat(closed.check(PASSWORD)).isEqualTo(Status.UNKNOWN);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
