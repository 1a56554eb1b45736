import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator of bench/webdav.sh (run as a single-file program: java bench/DavLoad.java ...).
 * Keeps connections alive, like real WebDAV clients; prints one line "RESULT key=value ...".
 *
 * <pre>
 * put      BASE COUNT SIZE PARALLEL [USER PASS]   COUNT files of SIZE bytes as BASE/fNNNN
 * get      BASE COUNT PARALLEL [USER PASS]        reads them back, checks the length
 * propfind URL RUNS [USER PASS]                   Depth: 1, median/min/max milliseconds
 * upload   API SPACE PATH FILE PIECE USER PASS    resumable upload through API/uploads
 * </pre>
 */
public class DavLoad {

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	static String authorization;

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "put" -> put(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
					credentials(args, 5));
			case "get" -> get(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), credentials(args, 4));
			case "propfind" -> propfind(args[1], Integer.parseInt(args[2]), credentials(args, 3));
			case "upload" -> upload(args[1], args[2], args[3], Path.of(args[4]), Integer.parseInt(args[5]),
					credentials(args, 6));
			default -> throw new IllegalArgumentException("unknown mode " + args[0]);
		}
	}

	static String credentials(String[] args, int index) {
		if (args.length > index + 1) {
			authorization = "Basic " + Base64.getEncoder()
				.encodeToString((args[index] + ":" + args[index + 1]).getBytes(StandardCharsets.UTF_8));
		}
		return authorization;
	}

	/** Extra headers from DAVLOAD_HEADERS ("Name: value|Name: value"), e.g. a session cookie and CSRF token. */
	static final String[] EXTRA = System.getenv().getOrDefault("DAVLOAD_HEADERS", "").isEmpty() ? new String[0]
			: System.getenv("DAVLOAD_HEADERS").split("\\|");

	static HttpRequest.Builder request(String url) {
		var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		for (String header : EXTRA) {
			int colon = header.indexOf(':');
			builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
		}
		return builder;
	}

	static void put(String base, int count, int size, int parallel, String auth) throws Exception {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		long started = System.nanoTime();
		int failures = parallelRun(count, parallel, i -> {
			var response = HTTP.send(request(base + name(i)).PUT(BodyPublishers.ofByteArray(content)).build(),
					BodyHandlers.discarding());
			return response.statusCode() == 201 || response.statusCode() == 204;
		});
		report(count, failures, started);
	}

	static void get(String base, int count, int parallel, String auth) throws Exception {
		long started = System.nanoTime();
		int failures = parallelRun(count, parallel, i -> {
			var response = HTTP.send(request(base + name(i)).GET().build(), BodyHandlers.ofByteArray());
			return response.statusCode() == 200 && response.body().length > 0;
		});
		report(count, failures, started);
	}

	static String name(int i) {
		return String.format("f%04d", i);
	}

	interface Task {

		boolean run(int i) throws Exception;
	}

	static int parallelRun(int count, int parallel, Task task) throws Exception {
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		var futures = new ArrayList<Future<?>>();
		for (int t = 0; t < parallel; t++) {
			futures.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < count) {
					try {
						if (!task.run(i)) {
							failures.incrementAndGet();
						}
					}
					catch (Exception e) {
						failures.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (var future : futures) {
			future.get();
		}
		pool.shutdown();
		return failures.get();
	}

	static void report(int count, int failures, long started) {
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("RESULT requests=%d failures=%d seconds=%.3f per_second=%.1f%n", count, failures, seconds,
				count / seconds);
	}

	static void propfind(String url, int runs, String auth) throws Exception {
		long[] times = new long[runs];
		int entries = 0;
		for (int r = 0; r < runs; r++) {
			long started = System.nanoTime();
			var response = HTTP.send(request(url).method("PROPFIND", BodyPublishers.noBody()).header("Depth", "1").build(),
					BodyHandlers.ofString());
			times[r] = System.nanoTime() - started;
			if (response.statusCode() != 207) {
				throw new IllegalStateException("PROPFIND answered " + response.statusCode());
			}
			entries = response.body().split("<[A-Za-z0-9]*:?response[ >]").length - 1;
		}
		Arrays.sort(times);
		System.out.printf("RESULT entries=%d median_ms=%.2f min_ms=%.2f max_ms=%.2f%n", entries, times[runs / 2] / 1e6,
				times[0] / 1e6, times[runs - 1] / 1e6);
	}

	static void upload(String api, String space, String path, Path file, int piece, String auth) throws Exception {
		long length = Files.size(file);
		long started = System.nanoTime();
		var begin = HTTP.send(request(api + "/uploads")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"space\":\"" + space + "\",\"path\":\"" + path + "\",\"length\":" + length + "}"))
			.build(), BodyHandlers.ofString());
		if (begin.statusCode() != 201) {
			throw new IllegalStateException("begin answered " + begin.statusCode() + " " + begin.body());
		}
		String location = URI.create(api).resolve(begin.headers().firstValue("Location").orElseThrow()).toString();
		try (var channel = java.nio.channels.FileChannel.open(file)) {
			for (long offset = 0; offset < length; offset += piece) {
				long size = Math.min(piece, length - offset);
				var bytes = java.nio.ByteBuffer.allocate((int) size);
				while (bytes.hasRemaining() && channel.read(bytes, offset + bytes.position()) > 0) {
				}
				var response = HTTP.send(request(location).header("Upload-Offset", Long.toString(offset))
					.method("PATCH", BodyPublishers.ofByteArray(bytes.array()))
					.build(), BodyHandlers.discarding());
				if (response.statusCode() != 204) {
					throw new IllegalStateException("PATCH answered " + response.statusCode());
				}
			}
		}
		long assembling = System.nanoTime();
		var complete = HTTP.send(request(location + "/complete").POST(BodyPublishers.noBody()).build(),
				BodyHandlers.discarding());
		long done = System.nanoTime();
		if (complete.statusCode() != 201 && complete.statusCode() != 204) {
			throw new IllegalStateException("complete answered " + complete.statusCode());
		}
		System.out.printf("RESULT seconds=%.3f complete_ms=%.1f mb_per_second=%.1f%n", (done - started) / 1e9,
				(done - assembling) / 1e6, length / 1e6 / ((done - started) / 1e9));
	}
}
