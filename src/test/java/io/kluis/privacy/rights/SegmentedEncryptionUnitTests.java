package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentedEncryptionUnitTests {

	final byte[] key = SegmentedEncryption.newKey();

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 65535, 65536, 65537, 200_000 })
	void whatIsWrittenReadsBackUnchanged(int size) throws IOException {
		byte[] plain = random(size);
		byte[] sealed = encrypt(plain);
		assertThat(decrypt(sealed)).isEqualTo(plain);
		if (size > 16) {
			assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
				.doesNotContain(new String(Arrays.copyOf(plain, 16), java.nio.charset.StandardCharsets.ISO_8859_1));
		}
	}

	@Test
	void aTruncatedFileFailsToOpenInsteadOfEndingEarly() throws IOException {
		byte[] sealed = encrypt(random(200_000));
		int segment = 64 * 1024 + 16;
		byte[] truncated = Arrays.copyOf(sealed, 11 + 2 * segment);
		assertThatThrownBy(() -> decrypt(truncated)).isInstanceOf(IOException.class);
	}

	@Test
	void aChangedByteFailsToOpen() throws IOException {
		byte[] sealed = encrypt(random(1000));
		sealed[sealed.length / 2] ^= 1;
		assertThatThrownBy(() -> decrypt(sealed)).isInstanceOf(IOException.class);
	}

	@Test
	void anotherKeyCannotOpen() throws IOException {
		byte[] sealed = encrypt(random(1000));
		assertThatThrownBy(() -> SegmentedEncryption.decrypting(new ByteArrayInputStream(sealed),
				SegmentedEncryption.newKey()).readAllBytes()).isInstanceOf(IOException.class);
	}

	private byte[] encrypt(byte[] plain) throws IOException {
		var out = new ByteArrayOutputStream();
		try (var encrypting = SegmentedEncryption.encrypting(out, key)) {
			// odd-sized writes cross segment boundaries
			for (int i = 0; i < plain.length; i += 1000) {
				encrypting.write(plain, i, Math.min(1000, plain.length - i));
			}
		}
		return out.toByteArray();
	}

	private byte[] decrypt(byte[] sealed) throws IOException {
		try (var in = SegmentedEncryption.decrypting(new ByteArrayInputStream(sealed), key)) {
			return in.readAllBytes();
		}
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
