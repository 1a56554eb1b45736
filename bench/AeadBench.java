package io.kluis.crypto.internal;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * C1 of bench/crypto.sh: Kluis' server-side AES-256-GCM path ({@link Aead#seal}, the code under
 * every {@code PersonalDataCipher.seal} and every data-key wrap: a fresh Cipher, a random nonce from
 * SecureRandom, associated data, the version/nonce/ciphertext layout) on one thread.
 * <p>
 * Lives in Aead's package because Aead is package-private; bench/crypto.sh compiles it with javac
 * against target/classes and runs it on the same class path (no change to production code).
 * <p>
 * Usage: AeadBench WARMUP_SECONDS SECONDS SIZE... ; prints "RESULT size=N mb_per_second=X ops=N" per size.
 * Before measuring it checks that what it seals opens again (and that a flipped bit does not).
 */
public final class AeadBench {

	public static void main(String[] args) {
		double warmup = Double.parseDouble(args[0]);
		double seconds = Double.parseDouble(args[1]);
		SecretKey key = new SecretKeySpec(Aead.randomKeyBytes(), "AES");
		byte[] aad = EnvelopeCipher.context(new io.kluis.shared.AccountId(java.util.UUID.randomUUID()), "bench.field");

		int[] sizes = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
		for (int size : sizes) {
			byte[] plain = new byte[size];
			new java.util.Random(size).nextBytes(plain);
			byte[] sealed = Aead.seal(key, plain, aad);
			if (!Arrays.equals(Aead.open(key, sealed, aad), plain)) {
				throw new IllegalStateException("round trip failed at " + size + " bytes");
			}
			sealed[sealed.length / 2] ^= 1;
			try {
				Aead.open(key, sealed, aad);
				throw new IllegalStateException("a tampered value opened at " + size + " bytes");
			}
			catch (Aead.TamperedException expected) {
				// correct
			}
		}
		// Warm-up: the JIT compiles the GCM intrinsics only after many calls, at every size measured.
		long sink = 0;
		long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
		while (System.nanoTime() < warmEnd) {
			for (int size : sizes) {
				byte[] plain = new byte[size];
				for (int i = 0; i < 64; i++) {
					sink += Aead.seal(key, plain, aad).length;
				}
			}
		}
		for (int size : sizes) {
			byte[] plain = new byte[size];
			new java.util.Random(size).nextBytes(plain);
			long ops = 0;
			long started = System.nanoTime();
			long end = started + (long) (seconds * 1e9);
			long now;
			do {
				for (int i = 0; i < 16; i++) {
					sink += Aead.seal(key, plain, aad).length;
				}
				ops += 16;
				now = System.nanoTime();
			}
			while (now < end);
			double elapsed = (now - started) / 1e9;
			System.out.printf("RESULT size=%d mb_per_second=%.1f ops=%d sink=%d%n", size, ops * (double) size / 1e6 / elapsed,
					ops, sink & 1);
		}
	}
}
