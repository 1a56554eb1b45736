package io.kluis.jar;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Kluis node as an operator runs it: {@code java -jar kluis.jar} from a shell-like process in a
 * directory of its own, configured only by environment variables (nothing inherited from the test
 * JVM but {@code PATH}), its output in {@code node.log} there.
 */
final class KluisNode implements AutoCloseable {

	private final Path directory;

	private final int port;

	private final Process process;

	private KluisNode(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	/** The packaged jar, as Maven's failsafe run hands it over. */
	static Path jar() {
		String jar = System.getProperty("kluis.test.jar", "");
		assertThat(jar).as("kluis.test.jar (set by the failsafe plugin after packaging)").isNotBlank();
		assertThat(Path.of(jar)).as("the packaged jar").exists();
		return Path.of(jar);
	}

	static KluisNode start(Path directory, Map<String, String> environment) throws IOException {
		int port = freePort();
		var node = new KluisNode(directory, port, launch(directory, port, environment));
		node.awaitHealthy();
		return node;
	}

	/** What a refused start printed: its one line, the whole output, and the exit status (1). */
	record Refusal(String line, String output) {
	}

	/**
	 * Starts a node that must refuse to start: it exits with status 1 and says why in one line that
	 * begins with "Kluis refused to start:", without a stack frame anywhere in its output.
	 */
	static Refusal refusal(Path directory, Map<String, String> environment) throws IOException, InterruptedException {
		var process = launch(directory, freePort(), environment);
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the node gave up within 3 minutes").isTrue();
		String output = Files.readString(directory.resolve("node.log"));
		assertThat(process.exitValue()).as("exit status; output:%n%s", output).isEqualTo(1);
		assertThat(output.lines().filter(line -> line.startsWith("\tat "))).as("stack frames in:%n%s", output).isEmpty();
		var lines = output.lines().filter(line -> line.startsWith("Kluis refused to start:")).toList();
		assertThat(lines).as("one refusal line in:%n%s", output).hasSize(1);
		return new Refusal(lines.get(0), output);
	}

	private static Process launch(Path directory, int port, Map<String, String> environment) throws IOException {
		Files.createDirectories(directory);
		var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-XX:TieredStopAtLevel=1", "-jar", jar().toString());
		var builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("node.log").toFile());
		builder.environment().clear();
		builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().putAll(environment);
		return builder.start();
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	int port() {
		return port;
	}

	String log() {
		try {
			return Files.readString(directory.resolve("node.log"));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

	private void awaitHealthy() {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(process.isAlive()).as("the node in %s is running; its log:%n%s", directory, tail()).isTrue();
			try {
				return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build(),
						BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException e) {
				return false;
			}
		});
	}

	private String tail() {
		var lines = log().lines().filter(l -> !l.startsWith("\tat ")).toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	/** Stops the node as an operator or a service manager does (SIGTERM) and returns its exit status. */
	int stop() throws InterruptedException {
		process.destroy();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
		return process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
