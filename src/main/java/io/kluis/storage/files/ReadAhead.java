package io.kluis.storage.files;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a large download ahead on a second thread while the request thread writes to the socket:
 * sealed contents are read and decrypted in one place and sent in another, so the two overlap
 * instead of taking turns. At most {@code kluis.storage.read-ahead-threads} downloads (default
 * half the processors) are read ahead at once, each with {@value #DEPTH} pieces of
 * {@value #PIECE} bytes in memory; a download that finds no free thread is read as before, on the
 * request thread.
 */
@Component
public class ReadAhead {

	/** Below this a download is read on the request thread: a thread hand-off would cost more. */
	static final long MIN_LENGTH = 4L * 1024 * 1024;

	static final int PIECE = 256 * 1024;

	static final int DEPTH = 4;

	private final ThreadPoolExecutor readers;

	ReadAhead(@Value("${kluis.storage.read-ahead-threads:-1}") int threads) {
		int count = threads < 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : threads;
		AtomicInteger number = new AtomicInteger();
		this.readers = count == 0 ? null
				: new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
					Thread thread = new Thread(task, "kluis-read-ahead-" + number.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		if (readers != null) {
			readers.allowCoreThreadTimeOut(true);
		}
	}

	/**
	 * {@code source} read ahead when it is long enough and a reader is free, else {@code source}
	 * itself. Closing the returned stream stops the reader and closes {@code source}.
	 */
	public InputStream ahead(InputStream source, long length) {
		if (readers == null || length < MIN_LENGTH) {
			return source;
		}
		Ahead ahead = new Ahead(source);
		try {
			ahead.reader = readers.submit(ahead::fill);
			return ahead;
		}
		catch (RejectedExecutionException busy) {
			return source;
		}
	}

	/**
	 * Sends {@code length} bytes of {@code source} to {@code out} and closes {@code source}: read
	 * ahead when {@link #ahead} would, each piece written as it was read (no copy on the way),
	 * else in pieces of {@value #PIECE} bytes on this thread.
	 */
	public void send(InputStream source, long length, OutputStream out) throws IOException {
		try (InputStream in = ahead(source, length)) {
			if (in instanceof Ahead pieces) {
				pieces.transferTo(out);
				return;
			}
			byte[] buffer = new byte[(int) Math.min(PIECE, Math.max(1, length))];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
			}
		}
	}

	@PreDestroy
	void stop() {
		if (readers != null) {
			readers.shutdownNow();
		}
	}

	/** A piece read ahead; {@code failure} or {@code length < 0} (the end) close the sequence. */
	private record Piece(byte[] data, int length, IOException failure) {

		static final Piece END = new Piece(new byte[0], -1, null);
	}

	private static final class Ahead extends InputStream {

		private final InputStream source;

		private final BlockingQueue<Piece> ready = new ArrayBlockingQueue<>(DEPTH + 1);

		private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);

		private volatile Future<?> reader;

		private Piece current;

		private int position;

		private boolean ended;

		Ahead(InputStream source) {
			this.source = source;
			for (int i = 0; i < DEPTH; i++) {
				free.add(new byte[PIECE]);
			}
		}

		/** The reader's loop: fills free buffers until the source ends, fails or the reader is stopped. */
		private void fill() {
			try (source) {
				while (true) {
					byte[] buffer = free.take();
					int n = source.readNBytes(buffer, 0, PIECE);
					if (n > 0) {
						ready.put(new Piece(buffer, n, null));
					}
					if (n < PIECE) {
						ready.put(Piece.END);
						return;
					}
				}
			}
			catch (InterruptedException | InterruptedIOException stopped) {
				// closed by the request thread: nobody reads what would come
			}
			catch (IOException e) {
				ready.offer(new Piece(null, -1, e));
			}
		}

		/**
		 * Hands the current piece back to the reader and takes the next one; false at the end.
		 * @throws IOException what reading the source failed with
		 */
		private boolean next() throws IOException {
			if (ended) {
				return false;
			}
			if (current != null) {
				free.offer(current.data());
			}
			try {
				current = ready.take();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while reading ahead");
			}
			position = 0;
			if (current.failure() != null) {
				ended = true;
				throw new IOException(current.failure().getMessage(), current.failure());
			}
			if (current.length() < 0) {
				ended = true;
				return false;
			}
			return true;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			if (ended) {
				return -1;
			}
			if ((current == null || position == current.length()) && !next()) {
				return -1;
			}
			int n = Math.min(len, current.length() - position);
			System.arraycopy(current.data(), position, b, off, n);
			position += n;
			return n;
		}

		/** Writes the pieces as they are, without copying them into another buffer first. */
		@Override
		public long transferTo(OutputStream out) throws IOException {
			long sent = 0;
			if (current != null && position < current.length()) {
				out.write(current.data(), position, current.length() - position);
				sent += current.length() - position;
				position = current.length();
			}
			while (next()) {
				out.write(current.data(), 0, current.length());
				sent += current.length();
				position = current.length();
			}
			return sent;
		}

		@Override
		public void close() {
			ended = true;
			Future<?> running = reader;
			if (running != null) {
				running.cancel(true);
			}
			try {
				// the reader closes it too; closing here covers a reader cancelled before it began
				source.close();
			}
			catch (IOException ignored) {
				// nothing more is read from it
			}
		}
	}
}
