package io.kluis;

import io.kluis.shared.cli.CommandLine;
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
		var application = new SpringApplication(KluisApplication.class);
		CommandLine.configure(application, args);
		var context = application.run(args);
		if (context.getEnvironment().getProperty("kluis.cli.enabled", Boolean.class, false)) {
			System.exit(SpringApplication.exit(context));
		}
	}
}
