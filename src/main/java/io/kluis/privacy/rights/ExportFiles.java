package io.kluis.privacy.rights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Export ZIPs at rest in {@code ${kluis.data-dir}/exports/}, encrypted with
 * {@link SegmentedEncryption} under a per-file key. Written to a temporary file, synced and renamed,
 * so a reader never sees half a file. The name is the export id: nothing personal in the file system.
 */
@Component
class ExportFiles {

	/** Streams the plaintext ZIP into the output; the output is the encrypting stream. */
	@FunctionalInterface
	interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private final Path directory;

	ExportFiles(@Value("${kluis.data-dir}") Path dataDir) {
		this.directory = dataDir.resolve("exports");
	}

	/** Writes and encrypts; returns the plaintext size. */
	long write(UUID id, byte[] key, Content content) throws IOException {
		Files.createDirectories(directory);
		Path temporary = directory.resolve(id + ".tmp");
		try {
			var counting = new long[1];
			try (OutputStream file = Files.newOutputStream(temporary, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
					OutputStream encrypted = SegmentedEncryption.encrypting(new java.io.BufferedOutputStream(file), key)) {
				content.writeTo(new java.io.FilterOutputStream(encrypted) {
					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						counting[0] += len;
						out.write(b, off, len);
					}

					@Override
					public void write(int b) throws IOException {
						counting[0]++;
						out.write(b);
					}

					@Override
					public void close() {
						// the archive writer finishes the ZIP; the encrypting stream is closed above
					}
				});
			}
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.move(temporary, path(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return counting[0];
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	InputStream open(UUID id, byte[] key) throws IOException {
		return SegmentedEncryption.decrypting(new java.io.BufferedInputStream(Files.newInputStream(path(id))), key);
	}

	void delete(UUID id) {
		try {
			Files.deleteIfExists(path(id));
			Files.deleteIfExists(directory.resolve(id + ".tmp"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not delete export " + id, e);
		}
	}

	private Path path(UUID id) {
		return directory.resolve(id + ".zip.enc");
	}
}
