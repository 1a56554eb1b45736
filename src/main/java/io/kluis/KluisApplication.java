package io.kluis;

import io.kluis.shared.cli.CommandLine;
import io.kluis.shared.startup.OrderlyStop;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Kluis: one deployable application, one module per business capability.
 *
 * <p>{@code java -jar kluis.jar} starts the server; {@code java -jar kluis.jar admin create --email …}
 * and {@code java -jar kluis.jar audit verify} run one command against the configured database and
 * exit (see {@link CommandLine}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KluisApplication {

	public static void main(String[] args) {
		boolean command = CommandLine.isCommand(args);
		if (command) {
			var standalone = CommandLine.runStandalone(args);
			if (standalone.isPresent()) {
				System.exit(standalone.get());
			}
		}
		var application = new SpringApplication(KluisApplication.class);
		if (command) {
			CommandLine.configure(application);
		}
		var context = application.run(args);
		if (command) {
			System.exit(SpringApplication.exit(context));
		}
		OrderlyStop.install(context);
	}
}
