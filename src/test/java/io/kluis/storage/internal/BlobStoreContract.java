package io.kluis.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, run against each backend by a subclass: atomic commit,
 * nothing left by an abandoned upload, exact ranges, idempotent deletes, and a sweep that removes
 * old unfinished uploads. Where a backend writes in parts, {@link #partSize()} is small, so that
 * "larger than a part" costs a few megabytes.
 */
abstract class BlobStoreContract {

	static final int MiB = 1024 * 1024;

	/** A fresh, empty store. */
	abstract BlobStore store();

	/** What {@link #store()} holds, seen from outside. */
	StoredBlobs stored() {
		return StoredBlobs.of(store());
	}

	/** The size beyond which the store writes in parts (where it does). */
	abstract int partSize();

	@Test
	@DisplayName("A committed blob reads back byte for byte and is listed; nothing unfinished remains")
	void committedBlobReadsBack() throws IOException {
		String key = newKey();
		byte[] content = random(100_000);
		write(key, content);

		assertThat(store().exists(key)).isTrue();
		assertThat(read(key, 0, content.length)).isEqualTo(content);
		assertThat(stored().committed()).containsExactly(key);
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("A ranged read returns exactly the range, at the start, inside and at the end of the blob")
	void rangedReadReturnsTheRange() throws IOException {
		String key = newKey();
		byte[] content = random(100_000);
		write(key, content);

		assertThat(read(key, 0, 10)).isEqualTo(Arrays.copyOfRange(content, 0, 10));
		assertThat(read(key, 1000, 500)).isEqualTo(Arrays.copyOfRange(content, 1000, 1500));
		assertThat(read(key, 99_990, 10)).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
	}

	@Test
	@DisplayName("A range closed before its end releases the blob; the blob still reads whole afterwards")
	void rangeClosedEarly() throws IOException {
		String key = newKey();
		byte[] content = random(300_000);
		write(key, content);
		try (InputStream in = store().open(key, 0, content.length)) {
			assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOfRange(content, 0, 1000));
		}
		assertThat(read(key, 0, content.length)).isEqualTo(content);
	}

	@Test
	@DisplayName("An empty blob commits and reads as nothing")
	void emptyBlob() throws IOException {
		String key = newKey();
		write(key, new byte[0]);
		assertThat(store().exists(key)).isTrue();
		assertThat(read(key, 0, 0)).isEmpty();
	}

	@Test
	@DisplayName("Nothing is visible under the key before the commit, even when more than a part was written")
	void nothingVisibleBeforeCommit() throws IOException {
		String key = newKey();
		byte[] content = random(partSize() + MiB);
		try (BlobUpload upload = store().create(key)) {
			upload.stream().write(content);
			assertThat(store().exists(key)).isFalse();
			assertThat(stored().committed()).isEmpty();
			assertThat(stored().unfinished()).as("the upload in progress").hasSize(1);
			upload.commit();
		}
		assertThat(store().exists(key)).isTrue();
		assertThat(stored().unfinished()).isEmpty();
		assertThat(read(key, 0, content.length)).isEqualTo(content);
	}

	@Test
	@DisplayName("Closing an upload without committing leaves no blob and no unfinished upload, small or in parts")
	void abandonedUploadLeavesNothing() throws IOException {
		String small = newKey();
		try (BlobUpload upload = store().create(small)) {
			upload.stream().write(random(1000));
		}
		String large = newKey();
		try (BlobUpload upload = store().create(large)) {
			upload.stream().write(random(partSize() + MiB));
		}
		assertThat(store().exists(small)).isFalse();
		assertThat(store().exists(large)).isFalse();
		assertThat(stored().committed()).isEmpty();
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("Writing after the commit fails; the committed blob is unchanged")
	void writeAfterCommitFails() throws IOException {
		String key = newKey();
		try (BlobUpload upload = store().create(key)) {
			upload.stream().write(new byte[] { 1, 2, 3 });
			upload.commit();
			assertThatThrownBy(() -> upload.stream().write(4)).isInstanceOf(IOException.class);
		}
		assertThat(read(key, 0, 3)).containsExactly(1, 2, 3);
	}

	@Test
	@DisplayName("Deleting is idempotent: a missing blob, a deleted one and a deleted one again")
	void deleteIsIdempotent() throws IOException {
		String key = newKey();
		store().delete(key);
		write(key, random(10));
		store().delete(key);
		store().delete(key);
		assertThat(store().exists(key)).isFalse();
		assertThat(stored().committed()).isEmpty();
		assertThatThrownBy(() -> store().open(key, 0, 10)).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	@DisplayName("A 20 MiB blob written in parts (5 MiB on S3) round-trips byte-identical")
	void largeBlobRoundTrips() throws IOException {
		String key = newKey();
		long size = 20L * MiB + 12_345;
		String written;
		try (BlobUpload upload = store().create(key)) {
			written = copy(new Generated(size), upload.stream());
			upload.commit();
		}
		try (InputStream in = store().open(key, 0, size)) {
			assertThat(copy(in, OutputStream.nullOutputStream())).isEqualTo(written);
		}
		assertThat(read(key, 7L * MiB - 3, 6)).isEqualTo(new Generated(size).slice(7L * MiB - 3, 6));
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("The sweep removes unfinished uploads that started before the cut-off, and only those")
	void sweepRemovesOldUnfinishedUploads() throws IOException {
		String key = newKey();
		try (BlobUpload upload = store().create(key)) {
			upload.stream().write(random(partSize() + MiB));
			assertThat(store().sweepUnfinished(Instant.now().minus(Duration.ofHours(1)))).isZero();
			assertThat(stored().unfinished()).hasSize(1);

			assertThat(store().sweepUnfinished(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(1);
			assertThat(stored().unfinished()).isEmpty();
		}
		assertThat(store().exists(key)).isFalse();
		assertThat(stored().committed()).isEmpty();
	}

	@Test
	@DisplayName("A resumable upload in pieces of any size becomes the blob only when completed, byte-identical")
	void resumableUploadInPieces() throws IOException {
		String key = newKey();
		int[] pieces = { 1000, 3 * MiB, 4 * MiB, 100, partSize() + 2 * MiB, 10 };
		long size = java.util.stream.IntStream.of(pieces).asLongStream().sum();
		var content = new Generated(size);
		String state = store().beginResumable(key);
		long offset = 0;
		for (int piece : pieces) {
			state = store().appendResumable(key, state, offset, new ByteArrayInputStream(content.slice(offset, piece)),
					piece);
			offset += piece;
			assertThat(store().exists(key)).isFalse();
			assertThat(stored().committed()).isEmpty();
		}
		assertThat(stored().unfinished()).isNotEmpty();
		store().completeResumable(key, state);

		try (InputStream in = store().open(key, 0, size)) {
			assertThat(copy(in, OutputStream.nullOutputStream())).isEqualTo(copy(new Generated(size), OutputStream.nullOutputStream()));
		}
		assertThat(stored().committed()).containsExactly(key);
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("A piece at the wrong offset is refused and changes nothing; a broken-off piece counts for nothing")
	void resumableUploadResumes() throws IOException {
		String key = newKey();
		byte[] content = random(partSize() + 3 * MiB);
		String state = store().beginResumable(key);
		state = store().appendResumable(key, state, 0, new ByteArrayInputStream(content, 0, 2 * MiB), 2 * MiB);
		String current = state;
		assertThatThrownBy(() -> store().appendResumable(key, current, 1000, new ByteArrayInputStream(content, 1000, 10), 10))
			.isInstanceOf(IllegalStateException.class);
		InputStream broken = new FailingAfter(new ByteArrayInputStream(content, 2 * MiB, content.length - 2 * MiB), MiB);
		assertThatThrownBy(() -> store().appendResumable(key, current, 2 * MiB, broken, content.length - 2 * MiB))
			.isInstanceOf(IOException.class);

		state = store().appendResumable(key, state, 2 * MiB,
				new ByteArrayInputStream(content, 2 * MiB, content.length - 2 * MiB), content.length - 2 * MiB);
		store().completeResumable(key, state);
		assertThat(read(key, 0, content.length)).isEqualTo(content);
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("Aborting a resumable upload leaves nothing, and aborting again is harmless; an empty one completes empty")
	void resumableUploadAbortsAndEmptyCompletes() throws IOException {
		String key = newKey();
		String state = store().beginResumable(key);
		state = store().appendResumable(key, state, 0, new ByteArrayInputStream(random(partSize() + 10)), partSize() + 10);
		state = store().appendResumable(key, state, partSize() + 10, new ByteArrayInputStream(random(10)), 10);
		store().abortResumable(key, state);
		store().abortResumable(key, state);
		assertThat(store().exists(key)).isFalse();
		assertThat(stored().unfinished()).isEmpty();

		String empty = newKey();
		store().completeResumable(empty, store().beginResumable(empty));
		assertThat(read(empty, 0, 0)).isEmpty();
		assertThat(stored().committed()).containsExactly(empty);
		assertThat(stored().unfinished()).isEmpty();
	}

	@Test
	@DisplayName("The sweep spares a resumable upload that received a piece after the cut-off, however old, and removes it once idle")
	void sweepSparesActiveResumableUploads() throws Exception {
		String key = newKey();
		String state = store().beginResumable(key);
		Thread.sleep(1100);
		Instant cutOff = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Thread.sleep(1100);
		state = store().appendResumable(key, state, 0, new ByteArrayInputStream(random(partSize())), partSize());
		state = store().appendResumable(key, state, partSize(), new ByteArrayInputStream(random(1000)), 1000);

		assertThat(store().sweepUnfinished(cutOff)).isZero();
		assertThat(stored().unfinished()).isNotEmpty();

		assertThat(store().sweepUnfinished(Instant.now().plus(Duration.ofMinutes(1)))).isPositive();
		assertThat(stored().unfinished()).isEmpty();
		store().abortResumable(key, state);
	}

	static String newKey() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	void write(String key, byte[] content) throws IOException {
		try (BlobUpload upload = store().create(key)) {
			upload.stream().write(content);
			upload.commit();
		}
	}

	byte[] read(String key, long offset, long length) throws IOException {
		try (InputStream in = store().open(key, offset, length)) {
			return in.readAllBytes();
		}
	}

	static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	/** Copies in 64 KiB writes and returns the SHA-256 of what was copied. */
	static String copy(InputStream in, OutputStream out) throws IOException {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		byte[] buffer = new byte[64 * 1024];
		int n;
		while ((n = in.read(buffer)) >= 0) {
			sha256.update(buffer, 0, n);
			out.write(buffer, 0, n);
		}
		return HexFormat.of().formatHex(sha256.digest());
	}

	/** Fails after {@code limit} bytes, like a client that went away. */
	static final class FailingAfter extends java.io.FilterInputStream {

		private long remaining;

		FailingAfter(InputStream in, long limit) {
			super(in);
			this.remaining = limit;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (remaining <= 0) {
				throw new IOException("connection reset (simulated)");
			}
			int n = super.read(bytes, offset, (int) Math.min(length, remaining));
			remaining -= Math.max(n, 0);
			return n;
		}
	}

	/** A reproducible stream of {@code size} bytes that no one holds in memory. */
	static final class Generated extends InputStream {

		private final long size;

		private long position;

		Generated(long size) {
			this.size = size;
		}

		static byte at(long position) {
			long x = position * 0x9E3779B97F4A7C15L;
			return (byte) (x >>> 56 ^ x >>> 29);
		}

		byte[] slice(long offset, int length) {
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = at(offset + i);
			}
			return bytes;
		}

		@Override
		public int read() {
			return position < size ? at(position++) & 0xff : -1;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) {
			if (position >= size) {
				return -1;
			}
			int n = (int) Math.min(length, size - position);
			for (int i = 0; i < n; i++) {
				bytes[offset + i] = at(position++);
			}
			return n;
		}
	}
}
