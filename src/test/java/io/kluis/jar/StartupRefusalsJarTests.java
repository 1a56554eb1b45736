package io.kluis.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8, section 4: a start-up refusal is one line saying what to change, then exit status 1 —
 * not a hundred stack frames. Each case starts the packaged jar from a directory of its own with
 * one setting wrong, as an operator would get it wrong.
 */
class StartupRefusalsJarTests {

	@Test
	@DisplayName("a database that is down: one line naming it (without credentials), exit 1")
	void databaseDown() throws Exception {
		var refusal = KluisNode.refusal(directory("db-down"), Map.of("KLUIS_DB_URL",
				"jdbc:postgresql://127.0.0.1:1/kluis?password=hunter2", "KLUIS_DB_USER", "kluis"));
		assertThat(refusal.line()).isEqualTo("Kluis refused to start: its database jdbc:postgresql://127.0.0.1:1/kluis "
				+ "refuses connections (is it running, and on this host and port?).");
		assertThat(refusal.output()).doesNotContain("hunter2");
	}

	@Test
	@DisplayName("an S3 region outside the EU (EU-1): one line naming the setting, exit 1")
	void regionOutsideTheEu() throws Exception {
		var refusal = KluisNode.refusal(directory("region"), Map.of("KLUIS_STORAGE_BLOBS_BACKEND", "s3",
				"KLUIS_STORAGE_BLOBS_S3_REGION", "us-east-1", "KLUIS_STORAGE_BLOBS_S3_BUCKET", "kluis"));
		assertThat(refusal.line()).startsWith("Kluis refused to start: ")
			.contains("kluis.storage.blobs.s3.region 'us-east-1' is not one of kluis.storage.blobs.allowed-regions");
	}

	@Test
	@ExtendWith(ScratchDatabase.Reachable.class)
	@DisplayName("the prod profile without a master key: one line saying how to give one, exit 1, no key generated")
	void productionWithoutMasterKey() throws Exception {
		try (var database = new ScratchDatabase()) {
			Path directory = directory("no-master-key");
			var refusal = KluisNode.refusal(directory, Map.of("SPRING_PROFILES_ACTIVE", "prod", "KLUIS_DB_URL",
					database.url(), "KLUIS_DB_USER", "postgres", "KLUIS_BEHIND_TLS_PROXY", "true",
					"KLUIS_FORWARD_HEADERS_STRATEGY", "native", "SPRING_MAIL_HOST", "127.0.0.1"));
			assertThat(refusal.line()).startsWith("Kluis refused to start: No master key: set KLUIS_MASTER_KEY");
			try (var files = Files.walk(directory)) {
				assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("master.key");
			}
		}
	}

	@Test
	@DisplayName("the prod profile on the embedded database: one line, exit 1")
	void productionOnH2() throws Exception {
		var refusal = KluisNode.refusal(directory("prod-h2"), Map.of("SPRING_PROFILES_ACTIVE", "prod", "KLUIS_MASTER_KEY",
				"k:" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
		assertThat(refusal.line()).startsWith("Kluis refused to start: The prod profile refuses the embedded H2 database");
	}

	@Test
	@DisplayName("a wrong master key, and a key store without the epoch keys the database needs: one line each, exit 1")
	void wrongMasterKeyAndMissingEpochKeys() throws Exception {
		Path directory = directory("keys");
		// An installation on the embedded default with one account (so one data key, under an epoch key).
		var command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-XX:TieredStopAtLevel=1", "-jar", KluisNode.jar().toString(), "admin", "create", "--email",
				"keys@example.org", "--password-stdin")
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("command.log").toFile());
		command.environment().remove("KLUIS_MASTER_KEY");
		command.environment().remove("KLUIS_KEY_STORE_DIR");
		var process = command.start();
		try (var stdin = process.getOutputStream()) {
			stdin.write("a long passphrase of your own\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(Files.readString(directory.resolve("command.log"))).isZero();

		var wrongKey = KluisNode.refusal(directory, Map.of("KLUIS_MASTER_KEY",
				"1:" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
		assertThat(wrongKey.line()).startsWith("Kluis refused to start: The master key '1' is not this installation's");

		var otherStore = KluisNode.refusal(directory, Map.of("KLUIS_KEY_STORE_DIR", directory.resolve("elsewhere").toString()));
		assertThat(otherStore.line()).startsWith("Kluis refused to start: The key store (directory ")
			.contains("lacks 1 epoch key(s) this database needs");
	}

	private static Path directory(String name) throws IOException {
		return Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), name + "-");
	}
}
