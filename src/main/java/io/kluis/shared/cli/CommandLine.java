package io.kluis.shared.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.springframework.boot.SpringApplication;

/**
 * Command mode: when the first argument is a command word rather than an option, e.g.
 * {@code java -jar kluis.jar audit verify}, the application runs that command and exits with its code.
 *
 * <p>Commands that need nothing but their arguments ({@link StandaloneCommand}, found with the
 * {@link ServiceLoader}) run before Spring starts, so e.g. generating a master key never creates a
 * database or a key file as a side effect. Every other command runs in the same application context
 * as the server — the same beans, the same security configuration, the same checks at start-up —
 * with the HTTP connector switched off ({@code server.port=-1}), beans created only when the command
 * needs them, no scheduled jobs, no re-delivery of
 * the server's outstanding events, and log lines on standard error, so that standard output carries
 * only what the command prints (a key, a report) and can be redirected into a file.
 */
public final class CommandLine {

	private static PrintStream output = System.out;

	private CommandLine() {
	}

	/** Whether these program arguments name a command rather than start the server. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && !args[0].startsWith("-");
	}

	/** Runs a standalone command named by the arguments, if there is one; its exit code. */
	public static Optional<Integer> runStandalone(String[] args) {
		String name = name(Arrays.asList(args));
		for (StandaloneCommand command : standaloneCommands()) {
			if (command.name().equals(name)) {
				return Optional.of(command.run(options(Arrays.asList(args)), System.out));
			}
		}
		return Optional.empty();
	}

	/** Prepares the application for command mode; call only when {@link #isCommand} holds. */
	public static void configure(SpringApplication application) {
		output = System.out;
		// Logback's console appender writes to whatever System.out is at the time of each line.
		System.setOut(System.err);
		application.setDefaultProperties(Map.of(
				"kluis.cli.enabled", "true",
				"server.port", "-1",
				// A command needs a handful of beans; creating only those halves its start.
				"spring.main.lazy-initialization", "true",
				"kluis.jobs.enabled", "false",
				"spring.modulith.events.republish-outstanding-events-on-restart", "false",
				"spring.main.banner-mode", "off",
				"logging.level.root", "WARN"));
	}

	/** Where a command prints its result: the process's original standard output. */
	static PrintStream output() {
		return output;
	}

	static List<StandaloneCommand> standaloneCommands() {
		return ServiceLoader.load(StandaloneCommand.class).stream().map(ServiceLoader.Provider::get).toList();
	}

	static String name(List<String> words) {
		return words.size() >= 2 ? words.get(0) + " " + words.get(1) : String.join(" ", words);
	}

	static List<String> options(List<String> words) {
		return words.subList(Math.min(2, words.size()), words.size());
	}
}
