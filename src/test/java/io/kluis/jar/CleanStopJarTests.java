package io.kluis.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, section 4: stopping the server logged an error from the event-publication registry. H2's
 * own shutdown hook closed the embedded database while Spring was still stopping, so the registry's
 * last look at outstanding publications (and listeners still finishing) found no database. A node
 * on the embedded default, busy with events when it is told to stop, stops without a warning.
 */
class CleanStopJarTests {

	@Test
	@DisplayName("a node on the embedded database stopped (SIGTERM) right after registrations stops cleanly: no WARN or ERROR")
	void stopsCleanly() throws Exception {
		Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "clean-stop-");
		var node = KluisNode.start(directory, Map.of());
		try {
			var http = HttpClient.newHttpClient();
			for (int i = 0; i < 5; i++) {
				String body = "{\"email\":\"stop-" + UUID.randomUUID() + "@example.org\",\"password\":\"glacier tulip harbour violin\","
						+ "\"firstName\":\"Anna\",\"lastName\":\"de Vries\",\"street\":\"Kerkstraat 1\",\"postalCode\":\"1234 AB\","
						+ "\"city\":\"Utrecht\",\"country\":\"NL\",\"dateOfBirth\":\"1990-04-02\",\"acceptedTerms\":true}";
				var response = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/accounts"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), BodyHandlers.discarding());
				assertThat(response.statusCode()).isEqualTo(202);
			}
		}
		finally {
			int status = node.stop();
			String log = node.log();
			assertThat(status).as("exit status after SIGTERM; log:%n%s", log).isIn(0, 143);
			assertThat(log.lines().filter(line -> line.contains(" ERROR ")
					|| line.contains(" WARN ") && !line.contains("SpringDocAppInitializer")))
				.as("warnings and errors in:%n%s", log)
				.isEmpty();
			assertThat(log).contains("Graceful shutdown complete");
		}
	}
}
