package io.kluis.shared.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A one-shot administrative command run as {@code java -jar kluis.jar <group> <verb> [options]},
 * against the same configuration and database as the server, without starting the web server.
 * Modules contribute commands as beans.
 */
public interface KluisCommand {

	/** The two words that select the command, e.g. {@code "admin create"}. */
	String name();

	/** One line for the usage text. */
	String synopsis();

	/**
	 * Runs the command.
	 * @param options the arguments after the command name
	 * @return the process exit code: 0 success, 1 failure, 2 usage error
	 */
	int run(List<String> options, PrintStream out);

	/** Returns the value following {@code --name} in the options, or {@code null}. */
	static String option(List<String> options, String name) {
		int i = options.indexOf("--" + name);
		return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : null;
	}
}
