package io.kluis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads files on disk the way someone with a copy of the data directory (or of the database's own
 * files) would, and reports which of them hold a plaintext value: its UTF-8 bytes, exactly. Files are
 * streamed, keeping a needle's length of overlap, so large ones (WAL segments, blobs) are not held in
 * memory. The file-system counterpart of {@link DatabaseScan}.
 */
public final class FileScan {

	private FileScan() {
	}

	/** The regular files below {@code root} (which must exist) that contain {@code text}. */
	public static List<Path> filesContaining(Path root, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The same below each of {@code roots} that is a directory; the others are passed over. */
	public static List<Path> filesContaining(List<Path> roots, String text) {
		var found = new ArrayList<Path>();
		for (Path root : roots) {
			if (Files.isDirectory(root)) {
				found.addAll(filesContaining(root, text));
			}
		}
		return found;
	}

	/** Whether the file holds the needle; a file that cannot be read (removed meanwhile) does not. */
	private static boolean contains(Path file, byte[] needle) {
		byte[] buffer = new byte[1 << 20];
		int kept = 0;
		try (InputStream in = Files.newInputStream(file)) {
			while (true) {
				int n = in.read(buffer, kept, buffer.length - kept);
				if (n < 0) {
					return false;
				}
				int end = kept + n;
				for (int i = 0; i + needle.length <= end; i++) {
					if (buffer[i] == needle[0] && matches(buffer, i, needle)) {
						return true;
					}
				}
				kept = Math.min(needle.length - 1, end);
				System.arraycopy(buffer, end - kept, buffer, 0, kept);
			}
		}
		catch (IOException e) {
			return false; // removed meanwhile (a recycled WAL segment, a dropped relation)
		}
	}

	private static boolean matches(byte[] buffer, int at, byte[] needle) {
		for (int j = 1; j < needle.length; j++) {
			if (buffer[at + j] != needle[j]) {
				return false;
			}
		}
		return true;
	}
}
