package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.crypto.ContentCipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chunked AES-GCM format of blob contents (SEC-3): ranges, streaming, and every kind of tampering. */
class ChunkedAeadUnitTests {

	private static final int C = ChunkedAead.CHUNK;

	private static final byte[] CONTEXT = "subject|storage.blob".getBytes(StandardCharsets.UTF_8);

	private final SecretKey key = new SecretKeySpec(Aead.randomKeyBytes(), "AES");

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private byte[] seal(byte[] plain) throws IOException {
		var out = new ByteArrayOutputStream();
		ContentCipher.SealingStream sealing = ChunkedAead.sealing(key, CONTEXT, out);
		// odd write sizes, so chunk boundaries fall inside writes
		for (int i = 0; i < plain.length; i += 7777) {
			sealing.write(plain, i, Math.min(7777, plain.length - i));
		}
		sealing.finish();
		assertThat(sealing.plaintextLength()).isEqualTo(plain.length);
		return out.toByteArray();
	}

	private byte[] open(byte[] sealed, long plainLength, long offset, long length) throws IOException {
		return open(key, sealed, plainLength, offset, length);
	}

	private static byte[] open(SecretKey key, byte[] sealed, long plainLength, long offset, long length) throws IOException {
		ContentCipher.SealedSource source = (from, n) -> new ByteArrayInputStream(sealed, (int) Math.min(from, sealed.length),
				(int) Math.max(0, Math.min(n, sealed.length - from)));
		try (InputStream in = ChunkedAead.opening(key, CONTEXT, source, plainLength, offset, length)) {
			return in.readAllBytes();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 5 })
	@DisplayName("Contents of any length seal to header + plaintext + a tag per chunk and open whole")
	void roundTrip(int size) throws IOException {
		byte[] plain = random(size);
		byte[] sealed = seal(plain);
		assertThat(sealed).hasSize((int) ChunkedAead.sealedLength(size));
		assertThat(open(sealed, size, 0, size)).isEqualTo(plain);
		// as a server reads it: a chunk-sized buffer, decrypted straight into it
		for (long offset : new long[] { 0, Math.min(size, 3) }) {
			var copy = new ByteArrayOutputStream();
			try (InputStream in = ChunkedAead.opening(key, CONTEXT, (from, n) -> new ByteArrayInputStream(sealed,
					(int) from, (int) Math.min(n, sealed.length - from)), size, offset, size - offset)) {
				byte[] buffer = new byte[C];
				int n;
				while ((n = in.read(buffer)) >= 0) {
					copy.write(buffer, 0, n);
				}
			}
			assertThat(copy.toByteArray()).isEqualTo(Arrays.copyOfRange(plain, (int) offset, size));
		}
	}

	@Test
	@DisplayName("Sealed contents show nothing of the plaintext, and two seals of the same contents differ")
	void noPlaintext() throws IOException {
		byte[] plain = "KLUIS-MARKER-".repeat(20000).getBytes(StandardCharsets.US_ASCII);
		byte[] sealed = seal(plain);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("KLUIS-MARKER");
		assertThat(seal(plain)).isNotEqualTo(sealed);
	}

	@Test
	@DisplayName("Ranges open on, before, after and across chunk boundaries, reading only the chunks they touch")
	void ranges() throws IOException {
		int size = 4 * C + 100;
		byte[] plain = random(size);
		byte[] sealed = seal(plain);
		long[][] ranges = { { 0, 1 }, { C - 1, 1 }, { C, 1 }, { C - 1, 2 }, { C, C }, { C - 10, C + 20 },
				{ 4 * C, 100 }, { 4 * C + 99, 1 }, { 3 * C + 5, C + 95 }, { 17, 3 * C }, { 0, size } };
		for (long[] range : ranges) {
			assertThat(open(sealed, size, range[0], range[1]))
				.as("bytes %d+%d", range[0], range[1])
				.isEqualTo(Arrays.copyOfRange(plain, (int) range[0], (int) (range[0] + range[1])));
		}
		// a range in chunk 2 opens even when every other chunk is garbage
		byte[] damaged = sealed.clone();
		damaged[ChunkedAead.HEADER + 10] ^= 1;
		damaged[damaged.length - 1] ^= 1;
		assertThat(open(damaged, size, 2L * C + 3, 10)).isEqualTo(Arrays.copyOfRange(plain, 2 * C + 3, 2 * C + 13));
		assertThat(open(sealed, size, 5, 0)).isEmpty();
	}

	@Test
	@DisplayName("A flipped bit anywhere (header, ciphertext, tag) fails the read")
	void tampering() throws IOException {
		int size = 2 * C + 10;
		byte[] sealed = seal(random(size));
		for (int position : new int[] { 5, 20, ChunkedAead.HEADER, ChunkedAead.HEADER + C + 3,
				ChunkedAead.HEADER + C + ChunkedAead.TAG + 1, sealed.length - 1 }) {
			byte[] tampered = sealed.clone();
			tampered[position] ^= 0x40;
			assertThatThrownBy(() -> open(tampered, size, 0, size)).as("bit at %d", position).isInstanceOf(IOException.class);
		}
		byte[] magic = sealed.clone();
		magic[0] = 'X';
		assertThatThrownBy(() -> open(magic, size, 0, size)).isInstanceOf(IOException.class);
	}

	@Test
	@DisplayName("Cut short, within a chunk or at a chunk boundary, fails the read")
	void truncation() throws IOException {
		int size = 3 * C;
		byte[] sealed = seal(random(size));
		byte[] withinChunk = Arrays.copyOf(sealed, sealed.length - 100);
		assertThatThrownBy(() -> open(withinChunk, size, 0, size)).isInstanceOf(IOException.class);
		// the first two chunks alone claim to be all: chunk 1 was not sealed as the last one
		byte[] atBoundary = Arrays.copyOf(sealed, ChunkedAead.HEADER + 2 * (C + ChunkedAead.TAG));
		assertThatThrownBy(() -> open(atBoundary, 2L * C, 0, 2L * C)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> open(atBoundary, 2L * C, C, 10)).isInstanceOf(IOException.class);
	}

	@Test
	@DisplayName("Swapped chunks, or a chunk spliced in from other contents, fail the read")
	void reordering() throws IOException {
		int size = 3 * C;
		byte[] sealed = seal(random(size));
		int chunk = C + ChunkedAead.TAG;
		byte[] swapped = sealed.clone();
		System.arraycopy(sealed, ChunkedAead.HEADER, swapped, ChunkedAead.HEADER + chunk, chunk);
		System.arraycopy(sealed, ChunkedAead.HEADER + chunk, swapped, ChunkedAead.HEADER, chunk);
		assertThatThrownBy(() -> open(swapped, size, 0, size)).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> open(swapped, size, C, 1)).isInstanceOf(IOException.class);

		byte[] other = seal(random(size));
		byte[] spliced = sealed.clone();
		System.arraycopy(other, ChunkedAead.HEADER + chunk, spliced, ChunkedAead.HEADER + chunk, chunk);
		assertThatThrownBy(() -> open(spliced, size, C, 1)).isInstanceOf(IOException.class);
	}

	@Test
	@DisplayName("Another data key or another context opens nothing")
	void wrongKeyOrContext() throws IOException {
		byte[] sealed = seal(random(100));
		assertThatThrownBy(() -> open(new SecretKeySpec(Aead.randomKeyBytes(), "AES"), sealed, 100, 0, 100))
			.isInstanceOf(IOException.class);
		ContentCipher.SealedSource source = (from, n) -> new ByteArrayInputStream(sealed, (int) from, (int) n);
		assertThatThrownBy(() -> ChunkedAead.opening(key, "other".getBytes(StandardCharsets.UTF_8), source, 100, 0, 100)
			.readAllBytes()).isInstanceOf(IOException.class);
	}

	@Test
	@DisplayName("Streaming: sealing holds at most one chunk, so it writes as it goes")
	void streams() throws IOException {
		var out = new ByteArrayOutputStream();
		ContentCipher.SealingStream sealing = ChunkedAead.sealing(key, CONTEXT, out);
		sealing.write(random(3 * C + 1));
		assertThat(out.size()).isEqualTo(ChunkedAead.HEADER + 3 * (C + ChunkedAead.TAG));
		sealing.finish();
		assertThat(out.size()).isEqualTo((int) ChunkedAead.sealedLength(3L * C + 1));
		assertThatThrownBy(() -> sealing.write(1)).isInstanceOf(IOException.class);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 5 })
	@DisplayName("A stream sealed piece by piece (pieces of any size, the rest carried over) opens whole and in ranges")
	void sealedInPieces(int size) throws IOException {
		byte[] plain = random(size);
		byte[] header = ChunkedAead.newHeader();
		var out = new ByteArrayOutputStream();
		byte[] rest = new byte[0];
		long received = 0;
		var pieces = new Random(size + 1);
		do {
			int piece = (int) Math.min(size - received, 1 + pieces.nextInt(C + C / 2));
			var sealed = ChunkedAead.sealingPiece(key, CONTEXT, header, size, rest, received,
					new ByteArrayInputStream(plain, (int) received, piece), piece);
			// as the filesystem store reads it (transferTo) and as the S3 client does (read)
			var copy = new ByteArrayOutputStream();
			if (received % 2 == 0) {
				sealed.transferTo(copy);
			}
			else {
				copy.write(sealed.readAllBytes());
			}
			byte[] bytes = copy.toByteArray();
			assertThat(bytes).hasSize((int) sealed.length());
			out.write(bytes);
			rest = sealed.rest();
			received += piece;
			assertThat(out.size()).as("after %d bytes", received).isEqualTo(ChunkedAead.sealedPrefix(size, received));
			assertThat(rest).hasSize((int) (received == size ? 0 : received % C));
		}
		while (received < size);
		byte[] sealed = out.toByteArray();
		assertThat(sealed).hasSize((int) ChunkedAead.sealedLength(size));
		assertThat(open(sealed, size, 0, size)).isEqualTo(plain);
		if (size > 10) {
			assertThat(open(sealed, size, size / 2 - 5, 10)).isEqualTo(Arrays.copyOfRange(plain, size / 2 - 5, size / 2 + 5));
		}
	}

	@Test
	@DisplayName("A piece cut short fails instead of sealing fewer bytes; a piece must start at a chunk")
	void pieceCutShort() {
		byte[] header = ChunkedAead.newHeader();
		var piece = ChunkedAead.sealingPiece(key, CONTEXT, header, 3L * C, new byte[0], 0,
				new ByteArrayInputStream(random(C + 10)), C + 20);
		assertThatThrownBy(piece::readAllBytes).isInstanceOf(IOException.class);
		assertThatThrownBy(() -> ChunkedAead.sealingPiece(key, CONTEXT, header, 3L * C, new byte[5], 10,
				InputStream.nullInputStream(), 0)).isInstanceOf(IllegalArgumentException.class);
	}
}
