package io.kluis.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	@DisplayName("A resumable upload whose received bytes were lost (a power cut before completion forced them) fails to complete and stores no torn blob")
	void lostPiecesFailTheCompletion() throws Exception {
		String key = "0123456789abcdef0123456789abcdef";
		String state = store.beginResumable(key);
		byte[] piece = new byte[100_000];
		state = store.appendResumable(key, state, 0, new java.io.ByteArrayInputStream(piece), piece.length);
		state = store.appendResumable(key, state, piece.length, new java.io.ByteArrayInputStream(piece), piece.length);
		// what a power cut may do to bytes that were written but not yet forced
		try (var part = java.nio.channels.FileChannel.open(directory.resolve("blobs/.tmp/" + key + ".resumable.part"),
				java.nio.file.StandardOpenOption.WRITE)) {
			part.truncate(piece.length);
		}
		String received = state;
		assertThatThrownBy(() -> store.completeResumable(key, received)).isInstanceOf(java.io.IOException.class);
		assertThat(store.exists(key)).isFalse();
	}

	@Test
	@DisplayName("The sweep of abandoned writes removes only .part files not written to since the cut-off: fresh ones, writes in progress and resumable uploads stay")
	void abandonedWritesAreSweptByAgeOnly() throws Exception {
		Path temp = directory.resolve("blobs/.tmp");
		java.time.Instant now = java.time.Instant.now();
		Path stale = java.nio.file.Files.writeString(temp.resolve("0123456789abcdef0123456789abcdef.killed.part"), "half");
		java.nio.file.Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofHours(3))));
		Path fresh = java.nio.file.Files.writeString(temp.resolve("1123456789abcdef0123456789abcdef.recent.part"), "half");
		java.nio.file.Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofMinutes(5))));
		String paused = "2123456789abcdef0123456789abcdef";
		store.beginResumable(paused);
		java.nio.file.Files.setLastModifiedTime(temp.resolve(paused + ".resumable.part"),
				java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofHours(3))));
		String writing = "3123456789abcdef0123456789abcdef";
		try (var upload = store.create(writing)) {
			upload.stream().write(new byte[] { 1, 2, 3 });

			assertThat(store.sweepAbandonedWrites(now.minus(java.time.Duration.ofHours(1)))).isEqualTo(1);

			assertThat(stale).doesNotExist();
			assertThat(fresh).exists();
			assertThat(temp.resolve(paused + ".resumable.part")).as("a paused resumable upload is not abandoned").exists();
			upload.commit();
		}
		assertThat(store.exists(writing)).as("the write in progress completed").isTrue();
	}
}
