package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing with the per-thread cipher: every use starts from its own key and nonce. */
class AeadUnitTests {

	private static SecretKey key() {
		return new SecretKeySpec(Aead.randomKeyBytes(), "AES");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	@DisplayName("A sealed value opens with its key and context, and is version, nonce, ciphertext and tag")
	void roundTrip() {
		SecretKey key = key();
		byte[] sealed = Aead.seal(key, bytes("Zonnebloemhof 4711"), bytes("street"));
		assertThat(sealed).hasSize(1 + 12 + 18 + 16);
		assertThat(sealed[0]).isEqualTo(Aead.VERSION);
		assertThat(Aead.open(key, sealed, bytes("street"))).isEqualTo(bytes("Zonnebloemhof 4711"));
		assertThat(Aead.open(key, Aead.seal(key, new byte[0], bytes("empty")), bytes("empty"))).isEmpty();
	}

	@Test
	@DisplayName("Two seals of the same value differ (fresh nonce each time)")
	void freshNonces() {
		SecretKey key = key();
		assertThat(Aead.seal(key, bytes("same"), bytes("ctx"))).isNotEqualTo(Aead.seal(key, bytes("same"), bytes("ctx")));
	}

	@Test
	@DisplayName("Another key, another context or a changed byte fail authentication; the thread's cipher works on afterwards")
	void tamperingIsDetectedAndTheCipherRecovers() {
		SecretKey key = key();
		byte[] sealed = Aead.seal(key, bytes("NL91ABNA0417164300"), bytes("iban"));
		assertThatThrownBy(() -> Aead.open(key(), sealed, bytes("iban"))).isInstanceOf(Aead.TamperedException.class);
		assertThatThrownBy(() -> Aead.open(key, sealed, bytes("name"))).isInstanceOf(Aead.TamperedException.class);
		byte[] changed = sealed.clone();
		changed[changed.length - 1] ^= 1;
		assertThatThrownBy(() -> Aead.open(key, changed, bytes("iban"))).isInstanceOf(Aead.TamperedException.class);
		assertThatThrownBy(() -> Aead.open(key, new byte[5], bytes("iban"))).isInstanceOf(Aead.TamperedException.class);
		// the same thread's cipher, re-initialised, still seals and opens correctly with other keys
		SecretKey other = key();
		assertThat(Aead.open(other, Aead.seal(other, bytes("after"), bytes("ctx")), bytes("ctx"))).isEqualTo(bytes("after"));
		assertThat(Aead.open(key, sealed, bytes("iban"))).isEqualTo(bytes("NL91ABNA0417164300"));
	}

	@Test
	@DisplayName("A large message (a 32 KiB chunk) round-trips")
	void largeMessage() {
		SecretKey key = key();
		byte[] chunk = new byte[32 * 1024];
		new java.util.Random(1).nextBytes(chunk);
		assertThat(Aead.open(key, Aead.seal(key, chunk, bytes("chunk")), bytes("chunk"))).isEqualTo(chunk);
	}
}
