package io.kluis.billing.bank;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes through and fails with {@link TooLarge} on the next one. */
final class BoundedInputStream extends FilterInputStream {

	/** The body went past the limit. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("the statement is larger than allowed");
		}
	}

	private final long limit;

	private long read;

	BoundedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	private void count(int n) throws IOException {
		read += n;
		if (read > limit) {
			throw new TooLarge();
		}
	}
}
