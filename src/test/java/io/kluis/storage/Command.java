package io.kluis.storage;

import static org.assertj.core.api.Assertions.fail;

import io.kluis.ExternalPrograms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (rclone, mount.davfs) for a test: output to a log file under
 * {@code target/} (a pipe could fill up and stall the program), a time limit, and an assertion
 * that it exited with 0 that quotes the end of the log.
 */
public final class Command {

	private Command() {
	}

	/**
	 * Runs {@code program arguments…} and returns its output.
	 *
	 * @param log file the output goes to (kept for a look after a failure)
	 * @param input given to the program's standard input, or {@code null} for none
	 */
	public static String run(Path log, Map<String, String> environment, String input, Duration timeout,
			String program, String... arguments) {
		Path executable = ExternalPrograms.find(program);
		if (executable == null) {
			throw new IllegalStateException(program + " is not installed");
		}
		var command = new ArrayList<String>();
		command.add(executable.toString());
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			var builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			if (input == null) {
				builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
			}
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (input != null) {
				try (var stdin = process.getOutputStream()) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				fail(program + " did not finish within " + timeout + ":\n" + tail(log));
			}
			if (process.exitValue() != 0) {
				fail(program + " exited with " + process.exitValue() + ":\n" + tail(log));
			}
			return read(log);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String read(Path log) throws IOException {
		return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
	}

	private static String tail(Path log) throws IOException {
		String text = read(log);
		return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
	}
}
