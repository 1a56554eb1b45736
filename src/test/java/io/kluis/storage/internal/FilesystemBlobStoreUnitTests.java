package io.kluis.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.storage.blob.BlobStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on the local filesystem. */
class FilesystemBlobStoreUnitTests extends BlobStoreContract {

	@TempDir
	Path directory;

	FilesystemBlobStore store;

	@BeforeEach
	void emptyStore() {
		store = new FilesystemBlobStore(directory.resolve("blobs"));
	}

	@Override
	BlobStore store() {
		return store;
	}

	@Override
	int partSize() {
		return 5 * MiB;
	}

	@Test
	@DisplayName("EU-1: the filesystem backend declares its location: the server's own")
	void declaresItsLocation() {
		assertThat(store.location().kind()).isEqualTo("filesystem");
		assertThat(store.location().region()).isEqualTo("local");
	}
}
