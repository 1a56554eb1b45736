package io.kluis.storage.internal;

import io.kluis.storage.blob.BlobLocation;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Blobs as files under a directory ({@code <data dir>/blobs} by default), spread over two levels of
 * 256 sub-directories by key. A new blob is written to {@code .tmp/}, forced to disk, renamed into
 * place atomically, and the directory entry is forced too: when {@link BlobUpload#commit()} returns
 * the file survives a power cut, and before that nothing but a temp file exists.
 */
final class FilesystemBlobStore implements BlobStore {

	private static final Pattern KEY = Pattern.compile("[0-9a-z]{32}");

	private static final String RESUMABLE_SUFFIX = ".resumable.part";

	private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

	private final Path root;

	private final Path temp;

	private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

	FilesystemBlobStore(Path root) {
		try {
			this.root = Files.createDirectories(root).toRealPath();
			this.temp = Files.createDirectories(this.root.resolve(".tmp"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create the blob directory", e);
		}
	}

	@Override
	public BlobLocation location() {
		return new BlobLocation("filesystem", "local", "local filesystem of the server");
	}

	Path root() {
		return root;
	}

	private Path path(String key) {
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("not a blob key");
		}
		return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
	}

	@Override
	public BlobUpload create(String key) throws IOException {
		Path target = path(key);
		Path part = temp.resolve(key + "." + UUID.randomUUID() + ".part");
		FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		return new FileUpload(target, part, channel);
	}

	/** A resumable upload is a temp file named after the key; its size is how much has arrived. */
	private Path resumablePart(String key) {
		path(key);
		return temp.resolve(key + RESUMABLE_SUFFIX);
	}

	@Override
	public String beginResumable(String key) throws IOException {
		Files.newByteChannel(resumablePart(key), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
		return "";
	}

	@Override
	public String appendResumable(String key, String state, long offset, InputStream piece, long length)
			throws IOException {
		try (FileChannel channel = FileChannel.open(resumablePart(key), StandardOpenOption.WRITE)) {
			if (channel.size() != offset) {
				throw new IllegalStateException("the upload has another length than the offset");
			}
			channel.position(offset);
			OutputStream out = Channels.newOutputStream(channel);
			long copied;
			try {
				copied = piece.transferTo(out);
			}
			catch (IOException e) {
				channel.truncate(offset); // a broken-off piece counts for nothing: resume at the offset
				throw e;
			}
			if (length >= 0 && copied != length) {
				channel.truncate(offset);
				throw new IOException("the piece was incomplete");
			}
			// Not forced piece by piece (one fsync per piece cost half the throughput): completion
			// forces the whole file once, and the state records the length the file must have then,
			// so a piece lost in a power cut fails the completion instead of storing a torn file.
			return Long.toString(offset + copied);
		}
	}

	@Override
	public void completeResumable(String key, String state) throws IOException {
		Path part = resumablePart(key);
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
			if (!state.isEmpty() && channel.size() != Long.parseLong(state)) {
				throw new IOException("the upload's file is shorter than what was received (lost in a crash)");
			}
			channel.force(true);
		}
		Path target = path(key);
		ensureDirectory(target.getParent());
		Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
		force(target.getParent());
	}

	@Override
	public void abortResumable(String key, String state) throws IOException {
		Files.deleteIfExists(resumablePart(key));
	}

	@Override
	public InputStream open(String key, long offset, long length) throws IOException {
		FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
		try {
			channel.position(offset);
			return new Bounded(Channels.newInputStream(channel), length);
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	@Override
	public Optional<Path> localFile(String key) {
		return Optional.of(path(key));
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	@Override
	public boolean exists(String key) {
		return Files.exists(path(key));
	}

	@Override
	public int sweepUnfinished(Instant before) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, "*.part")) {
			// resumable uploads are touched by every piece, so their age is the time since the last one
			for (Path part : parts) {
				try {
					if (Files.getLastModifiedTime(part).toInstant().isBefore(before) && Files.deleteIfExists(part)) {
						removed++;
					}
				}
				catch (NoSuchFileException e) {
					// removed by a concurrent commit, abort or sweep
				}
			}
		}
		return removed;
	}

	@Override
	public int sweepAbandonedWrites(Instant before) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, "*.part")) {
			for (Path part : parts) {
				if (part.getFileName().toString().endsWith(RESUMABLE_SUFFIX)) {
					continue;
				}
				try {
					if (Files.getLastModifiedTime(part).toInstant().isBefore(before) && Files.deleteIfExists(part)) {
						removed++;
					}
				}
				catch (NoSuchFileException e) {
					// committed or discarded meanwhile
				}
			}
		}
		return removed;
	}

	private void ensureDirectory(Path directory) throws IOException {
		if (knownDirectories.contains(directory)) {
			return;
		}
		if (!Files.isDirectory(directory)) {
			ensureDirectory(directory.getParent());
			try {
				Files.createDirectory(directory);
			}
			catch (java.nio.file.FileAlreadyExistsException e) {
				// created concurrently
			}
			force(directory.getParent());
		}
		knownDirectories.add(directory);
	}

	/** Forces a directory's entries to disk, so a rename into it survives a crash. */
	private static void force(Path directory) throws IOException {
		if (WINDOWS) {
			return; // directories cannot be opened for fsync there; NTFS journals renames itself
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private final class FileUpload implements BlobUpload {

		private final Path target;

		private final Path part;

		private final FileChannel channel;

		private final OutputStream stream;

		private boolean committed;

		FileUpload(Path target, Path part, FileChannel channel) {
			this.target = target;
			this.part = part;
			this.channel = channel;
			this.stream = Channels.newOutputStream(channel);
		}

		@Override
		public OutputStream stream() {
			return stream;
		}

		@Override
		public void commit() throws IOException {
			channel.force(true);
			channel.close();
			ensureDirectory(target.getParent());
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			force(target.getParent());
			committed = true;
		}

		@Override
		public void close() {
			if (committed) {
				return;
			}
			try {
				channel.close();
				Files.deleteIfExists(part);
			}
			catch (IOException e) {
				// the sweep removes what is left
			}
		}
	}

	/** Reads at most {@code remaining} bytes. */
	private static final class Bounded extends InputStream {

		private final InputStream in;

		private long remaining;

		Bounded(InputStream in, long remaining) {
			this.in = in;
			this.remaining = remaining;
		}

		@Override
		public int read() throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int b = in.read();
			if (b >= 0) {
				remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (remaining <= 0) {
				return -1;
			}
			int n = in.read(buffer, offset, (int) Math.min(length, remaining));
			if (n > 0) {
				remaining -= n;
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}
}
