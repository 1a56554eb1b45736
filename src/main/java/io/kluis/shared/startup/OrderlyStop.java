package io.kluis.shared.startup;

import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Stops the server in order when it is told to stop (SIGTERM from a service manager, SIGINT from
 * Ctrl+C): the application context closes first — requests finish, listeners finish, the
 * event-publication registry takes its last look at the database — and only then does the JVM run
 * its shutdown hooks and exit with the status it would have had (143, 130).
 *
 * <p>Without this, Spring's shutdown hook and the embedded H2 database's own (which {@code AUTO_SERVER}
 * mode requires) ran at the same time, so the database was closed under Spring's feet and the
 * registry logged that it could not open a connection.
 */
public final class OrderlyStop {

	private OrderlyStop() {
	}

	public static void install(ConfigurableApplicationContext context) {
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal.handle(new Signal(name), signal -> {
					context.close();
					System.exit(128 + signal.getNumber());
				});
			}
			catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
				// this platform (or a -Xrs JVM) does not let us handle it: the shutdown hooks still run
			}
		}
	}
}
