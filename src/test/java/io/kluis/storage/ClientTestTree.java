package io.kluis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tree the WebDAV client tests copy to Kluis and back (issue 4, acceptance 1): 1 000 small files
 * of 0 to 64 KiB in ten folders, names with spaces and non-ASCII letters among them, plus one file of
 * 1 GiB. Contents come from a seeded PRNG (about 1 GiB/s here, where {@code /dev/urandom} would
 * take seconds), and every file and every MiB of the big file starts with {@link #MARKER}, so a test
 * can tell whether a server-side copy is plaintext. Made once per test JVM under {@code target/}
 * and deleted when it exits; {@link #assertSameFiles} compares a copy by SHA-256.
 */
public final class ClientTestTree {

	/** A plaintext marker at the start of every file and of every MiB of the big file. */
	public static final byte[] MARKER = "KLUIS-PLAINTEXT-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);

	public static final int SMALL_FILES = 1000;

	public static final long BIG_SIZE = 1L << 30;

	/** The big file's path in the tree. */
	public static final String BIG = "large/disk image.bin";

	private static final int MIB = 1 << 20;

	private static ClientTestTree standard;

	private final Path root;

	private final Map<String, String> sha256 = new TreeMap<>();

	private ClientTestTree(Path root) {
		this.root = root;
	}

	/** The tree, made on first use (about 10 s for the 1 GiB). */
	public static synchronized ClientTestTree standard() {
		if (standard == null) {
			try {
				Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "client-tree-");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory)));
				var tree = new ClientTestTree(directory.resolve("tree"));
				tree.write();
				standard = tree;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return standard;
	}

	public Path root() {
		return root;
	}

	/** Relative path (with {@code /}) to the SHA-256 of its contents, for every file. */
	public Map<String, String> sha256() {
		return sha256;
	}

	/** The file names (last segments) and folder names in the tree. */
	public java.util.Set<String> names() {
		var names = new java.util.TreeSet<String>();
		for (String path : sha256.keySet()) {
			names.addAll(java.util.List.of(path.split("/")));
		}
		return names;
	}

	private void write() throws IOException {
		String[] folders = { "documents", "Foto's 2026", "naïve café", "music", "a/b/c/deep", "spreadsheets",
				"code", "mail", "scans", "misc" };
		var random = new SplittableRandom(20261122L);
		for (int i = 0; i < SMALL_FILES; i++) {
			String folder = folders[i % folders.length];
			String name = switch (i % 7) {
				case 0 -> "report " + i + ".pdf";
				case 1 -> "Übersicht-" + i + ".txt";
				case 2 -> "photo_" + i + ".jpg";
				default -> "file-" + i + ".dat";
			};
			int size = i == 0 ? 0 : random.nextInt(64 * 1024 + 1);
			byte[] content = new byte[size];
			fill(ByteBuffer.wrap(content), new SplittableRandom(i));
			put(folder + "/" + name, content);
		}
		writeBig();
	}

	private void put(String relative, byte[] content) throws IOException {
		Path file = root.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.write(file, content);
		sha256.put(relative, HexFormat.of().formatHex(digest().digest(content)));
	}

	private void writeBig() throws IOException {
		Path file = root.resolve(BIG);
		Files.createDirectories(file.getParent());
		MessageDigest digest = digest();
		var random = new SplittableRandom(42);
		ByteBuffer block = ByteBuffer.allocateDirect(MIB);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			for (long written = 0; written < BIG_SIZE; written += MIB) {
				block.clear();
				fill(block, random);
				block.flip();
				digest.update(block.duplicate());
				while (block.hasRemaining()) {
					channel.write(block);
				}
			}
		}
		sha256.put(BIG, HexFormat.of().formatHex(digest.digest()));
	}

	/** The marker, then pseudo-random bytes to the buffer's limit. */
	private static void fill(ByteBuffer buffer, SplittableRandom random) {
		if (buffer.remaining() >= MARKER.length) {
			buffer.put(MARKER);
		}
		while (buffer.remaining() >= Long.BYTES) {
			buffer.putLong(random.nextLong());
		}
		while (buffer.hasRemaining()) {
			buffer.put((byte) random.nextInt());
		}
	}

	/** Asserts that {@code copy} holds exactly the tree's files (no more, no fewer), each with the same SHA-256. */
	public void assertSameFiles(Path copy) {
		assertThat(sha256OfTree(copy)).as("SHA-256 of every file in the copy").isEqualTo(sha256);
	}

	/** Relative path to SHA-256 of every regular file under {@code directory}. */
	public static Map<String, String> sha256OfTree(Path directory) {
		var sums = new TreeMap<String, String>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
				sums.put(relative, sha256Of(file));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return sums;
	}

	public static String sha256Of(Path file) throws IOException {
		MessageDigest digest = digest();
		byte[] buffer = new byte[MIB];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Whether the stream contains {@link #MARKER} anywhere (also across read boundaries); closes it. */
	public static boolean containsMarker(InputStream content) throws IOException {
		byte[] buffer = new byte[MIB + MARKER.length];
		int carried = 0;
		try (InputStream in = content) {
			for (int n; (n = in.readNBytes(buffer, carried, MIB)) > 0;) {
				int end = carried + n;
				if (indexOf(buffer, end) >= 0) {
					return true;
				}
				carried = Math.min(MARKER.length - 1, end);
				System.arraycopy(buffer, end - carried, buffer, 0, carried);
			}
		}
		return false;
	}

	private static int indexOf(byte[] buffer, int end) {
		outer: for (int i = 0; i <= end - MARKER.length; i++) {
			for (int j = 0; j < MARKER.length; j++) {
				if (buffer[i + j] != MARKER[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Deletes a directory tree, ignoring what cannot be deleted (for clean-up only). */
	public static void deleteQuietly(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | UncheckedIOException e) {
			// best effort
		}
	}
}
