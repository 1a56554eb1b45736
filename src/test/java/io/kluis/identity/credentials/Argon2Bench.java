package io.kluis.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks H1 and H2 of BENCHMARKS.md: time per hash with the configured parameters, and
 * two-thread login (verify) throughput against the raw BouncyCastle Argon2 generator with the same
 * parameters as the peer. Run via {@code bench/argon2.sh}; not a test. Arguments: m t p seconds.
 */
public final class Argon2Bench {

	private static final String PASSWORD = "tulip lantern gravel mosaic";

	private static final int SAMPLES = 20;

	public static void main(String[] args) throws Exception {
		var parameters = new Argon2Parameters(arg(args, 0, 19456), arg(args, 1, 2), arg(args, 2, 1));
		int seconds = arg(args, 3, 5);
		var hasher = new PasswordHasher(parameters);
		String stored = hasher.hash(PASSWORD);
		byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
		Runnable raw = () -> PasswordHasher.argon2(PASSWORD.getBytes(StandardCharsets.UTF_8), salt, parameters, 32);

		double[] hash = time(() -> hasher.hash(PASSWORD));
		double[] verify = time(() -> hasher.matches(PASSWORD, stored));
		double[] peer = time(raw);
		double kluisRate = throughput(() -> hasher.matches(PASSWORD, stored), 2, seconds);
		double peerRate = throughput(raw, 2, seconds);

		boolean h1 = !parameters.weakerThan(Argon2Parameters.OWASP_MINIMUM) && hash[1] >= 20 && hash[1] <= 250;
		boolean h2 = kluisRate >= 0.8 * peerRate;
		System.out.printf("Argon2id m=%d KiB t=%d p=%d  (Java %s, %d CPUs)%n", parameters.memoryKiB(),
				parameters.iterations(), parameters.parallelism(), System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors());
		System.out.printf("%-36s %9s %9s %9s%n", "measure (ms, " + SAMPLES + " samples)", "min", "median", "max");
		row("PasswordHasher.hash", hash);
		row("PasswordHasher.matches", verify);
		row("raw BouncyCastle generator (peer)", peer);
		System.out.printf("%-36s %9.1f/s%n", "login throughput, 2 threads", kluisRate);
		System.out.printf("%-36s %9.1f/s%n", "raw Argon2 throughput, 2 threads", peerRate);
		System.out.printf("%-36s %9.2fx%n", "ratio (target >= 0.80)", kluisRate / peerRate);
		System.out.printf("H1 (>= OWASP, 20-250 ms per hash): %s%n", h1 ? "PASS" : "FAIL");
		System.out.printf("H2 (>= 0.8x raw Argon2, 2 threads): %s%n", h2 ? "PASS" : "FAIL");
		System.exit(h1 && h2 ? 0 : 1);
	}

	/** {min, median, max} in ms over {@value #SAMPLES} runs after 5 warm-up runs. */
	private static double[] time(Runnable work) {
		for (int i = 0; i < 5; i++) {
			work.run();
		}
		double[] ms = new double[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			long start = System.nanoTime();
			work.run();
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(ms);
		return new double[] { ms[0], (ms[SAMPLES / 2 - 1] + ms[SAMPLES / 2]) / 2, ms[SAMPLES - 1] };
	}

	/** Operations per second with {@code threads} threads running {@code work} back to back. */
	private static double throughput(Runnable work, int threads, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<Future<Integer>> counts = new ArrayList<>();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			Callable<Integer> loop = () -> {
				int n = 0;
				while (System.nanoTime() < deadline) {
					work.run();
					n++;
				}
				return n;
			};
			counts.add(pool.submit(loop));
		}
		int total = 0;
		for (Future<Integer> count : counts) {
			total += count.get();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		return total / elapsed;
	}

	private static void row(String name, double[] ms) {
		System.out.printf("%-36s %9.1f %9.1f %9.1f%n", name, ms[0], ms[1], ms[2]);
	}

	private static int arg(String[] args, int index, int fallback) {
		return args.length > index ? Integer.parseInt(args[index]) : fallback;
	}
}
