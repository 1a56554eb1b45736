package io.kluis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kluis as its own JVM, started from the test class path the way an operator starts the jar: the
 * embedded default (an H2 file database and a generated master key in a fresh data directory), a
 * heap of the test's choosing, its output in a log file beside the data directory. For tests about
 * what a test JVM cannot show: memory limits, a process killed and started again.
 */
public final class KluisProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private KluisProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts Kluis on a free port with {@code -Xmx<heap>} and waits until it is healthy.
	 *
	 * @param extra further {@code --key=value} arguments
	 */
	public static KluisProcess start(Path dataDir, String heap, Map<String, String> extra) throws IOException {
		int port = freePort();
		var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"io.kluis.KluisApplication", "--server.port=" + port, "--kluis.data-dir=" + dataDir,
				"--kluis.base-url=http://localhost:" + port, "--logging.level.root=WARN",
				"--logging.level.io.kluis=INFO"));
		extra.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		var started = new KluisProcess(process, port, log);
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(process.isAlive()).as("the server process is running; its log:\n" + started.logTail()).isTrue();
			return started.healthy(http);
		});
		return started;
	}

	public String base() {
		return "http://localhost:" + port;
	}

	public boolean alive() {
		return process.isAlive();
	}

	/** Whether {@code /actuator/health} answers 200. */
	public boolean healthy(HttpClient http) throws InterruptedException {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
					BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
	}

	/** Everything the process printed so far. */
	public String logText() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private String logTail() {
		String text = Files.exists(log) ? logText() : "";
		return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
