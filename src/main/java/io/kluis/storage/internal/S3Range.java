package io.kluis.storage.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A ranged GET's body, streamed. Closed before its end (a client that went away mid-download), it
 * aborts the connection instead of reading the rest of the range just to reuse the connection.
 */
final class S3Range extends FilterInputStream {

	private final ResponseInputStream<?> response;

	private long remaining;

	S3Range(ResponseInputStream<?> response, long length) {
		super(response);
		this.response = response;
		this.remaining = length;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			remaining--;
		}
		return b;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		int n = super.read(bytes, offset, length);
		if (n > 0) {
			remaining -= n;
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		remaining -= skipped;
		return skipped;
	}

	@Override
	public void close() throws IOException {
		if (remaining > 0) {
			response.abort();
		}
		super.close();
	}
}
