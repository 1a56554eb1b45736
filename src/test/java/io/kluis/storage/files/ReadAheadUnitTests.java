package io.kluis.storage.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Downloads read ahead on a second thread arrive whole, fail as the source fails, and stop when closed. */
class ReadAheadUnitTests {

	private final ReadAhead readAhead = new ReadAhead(1);

	@AfterEach
	void stop() {
		readAhead.stop();
	}

	@Test
	void aLongDownloadArrivesWholeAndInOrder() throws IOException {
		byte[] contents = new byte[(int) ReadAhead.MIN_LENGTH * 3 + 12_345];
		new Random(7).nextBytes(contents);
		try (InputStream in = readAhead.ahead(new ByteArrayInputStream(contents), contents.length)) {
			assertThat(in).isNotInstanceOf(ByteArrayInputStream.class);
			assertThat(in.readAllBytes()).isEqualTo(contents);
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void sendWritesEveryByteReadAheadOrNot() throws IOException {
		byte[] contents = new byte[(int) ReadAhead.MIN_LENGTH + ReadAhead.PIECE / 3];
		new Random(11).nextBytes(contents);
		for (int length : new int[] { contents.length, 1000 }) {
			var out = new java.io.ByteArrayOutputStream();
			readAhead.send(new ByteArrayInputStream(contents, 0, length), length, out);
			assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOf(contents, length));
		}
	}

	@Test
	void aShortDownloadIsReadOnTheRequestThread() {
		InputStream source = new ByteArrayInputStream(new byte[10]);
		assertThat(readAhead.ahead(source, 10)).isSameAs(source);
	}

	@Test
	void withEveryReaderBusyADownloadIsReadAsBefore() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		InputStream blocking = new InputStream() {
			@Override
			public int read() throws IOException {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					throw new java.io.InterruptedIOException();
				}
				return -1;
			}
		};
		try (InputStream first = readAhead.ahead(blocking, ReadAhead.MIN_LENGTH)) {
			InputStream second = new ByteArrayInputStream(new byte[1]);
			assertThat(readAhead.ahead(second, ReadAhead.MIN_LENGTH)).isSameAs(second);
			release.countDown();
		}
	}

	@Test
	void aFailingSourceFailsTheReadAfterWhatCameBefore() throws IOException {
		InputStream failing = new InputStream() {
			private int left = ReadAhead.PIECE + 10;

			@Override
			public int read() throws IOException {
				if (left == 0) {
					throw new IOException("sealed contents failed authentication");
				}
				left--;
				return 1;
			}
		};
		try (InputStream in = readAhead.ahead(failing, ReadAhead.MIN_LENGTH)) {
			assertThat(in.readNBytes(ReadAhead.PIECE)).hasSize(ReadAhead.PIECE);
			assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
				.hasMessage("sealed contents failed authentication");
		}
	}

	@Test
	void closingStopsTheReaderAndClosesTheSource() throws Exception {
		AtomicBoolean closed = new AtomicBoolean();
		CountDownLatch reading = new CountDownLatch(1);
		InputStream endless = new InputStream() {
			@Override
			public int read() {
				reading.countDown();
				return 0;
			}

			@Override
			public void close() {
				closed.set(true);
			}
		};
		InputStream in = readAhead.ahead(endless, Long.MAX_VALUE);
		assertThat(in.read()).isZero();
		in.close();
		assertThat(closed).isTrue();
		// the one reader is free again for the next download
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		InputStream next = new ByteArrayInputStream(new byte[1]);
		InputStream got;
		while ((got = readAhead.ahead(next, ReadAhead.MIN_LENGTH)) == next && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(got).isNotSameAs(next);
		got.close();
	}
}
