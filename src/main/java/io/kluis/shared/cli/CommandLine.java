package io.kluis.shared.cli;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Switches the application into command mode when the first argument is a command word rather than
 * an option, e.g. {@code java -jar kluis.jar audit verify}. Command mode starts no web server and
 * no scheduled jobs, runs the command, and exits with its code.
 */
public final class CommandLine {

	private CommandLine() {
	}

	public static void configure(SpringApplication application, String[] args) {
		if (args.length == 0 || args[0].startsWith("-")) {
			return;
		}
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of(
				"kluis.cli.enabled", "true",
				"kluis.scheduling.enabled", "false",
				"spring.main.banner-mode", "off",
				"logging.level.root", "WARN"));
	}
}
