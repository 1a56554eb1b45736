package io.kluis.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our hashes are plain Argon2id v1.3, interchangeable with the reference implementation
 * (phc-winner-argon2) and every library built on it, so stored hashes are never locked to BouncyCastle.
 */
class Argon2InteropUnitTests {

	@Test
	void verifiesAHashProducedByTheReferenceImplementation() {
		// Widely published reference output: password "password", salt "somesalt", m=64 MiB, t=2, p=1, 32 bytes.
		String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

		assertThat(new PasswordHasher().matches("password", reference)).isTrue();
	}

	@Test
	void rawGeneratorIsArgon2idVersion13() {
		byte[] out = PasswordHasher.argon2("password".getBytes(StandardCharsets.UTF_8),
				"somesalt".getBytes(StandardCharsets.UTF_8), new Argon2Parameters(65536, 2, 1), 32);

		assertThat(HexFormat.of().formatHex(out))
			.isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
	}
}
