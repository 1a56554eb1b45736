package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryEpochKeyStoreUnitTests extends EpochKeyStoreContract {

	@TempDir
	Path directory;

	@Override
	EpochKeyStore store() {
		return new DirectoryEpochKeyStore(directory.resolve("keys"));
	}

	@Test
	@DisplayName("epoch key files are readable by the owner only, and deleting one removes the file")
	void filesAreOwnerOnly() throws IOException {
		var store = store();
		store.put(epoch("e-1", Instant.parse("2026-12-07T00:00:00Z")));
		Path file = directory.resolve("keys/epoch-e-1.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(directory.resolve("keys"))) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("epoch-e-1.key");
		}
		store.delete("e-1");
		assertThat(file).doesNotExist();
	}

	@Test
	@DisplayName("two nodes sharing the directory see each other's epochs")
	void sharedBetweenNodes() {
		var one = store();
		var other = store();
		var epoch = epoch("e-2", Instant.parse("2026-12-07T00:00:00Z"));
		one.put(epoch);
		assertThat(other.find("e-2")).contains(epoch);
	}
}
