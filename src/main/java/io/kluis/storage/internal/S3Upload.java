package io.kluis.storage.internal;

import io.kluis.storage.blob.BlobUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One blob being written to S3. Bytes collect in a buffer of at most one part; only when more bytes
 * follow a full buffer does the upload become a multipart upload and the buffer go out as a part.
 * So a blob of up to one part costs one PUT on commit, and memory stays at one part whatever the
 * size. The buffer starts small and grows, so many small concurrent uploads cost little.
 */
final class S3Upload implements BlobUpload {

	private static final int INITIAL_BUFFER = 64 * 1024;

	private final S3Writes writes;

	private final String objectKey;

	private final int partSize;

	private static final byte[] NONE = new byte[0];

	private byte[] buffer = NONE;

	private int filled;

	private @Nullable String uploadId;

	private final List<CompletedPart> parts = new ArrayList<>();

	private boolean committed;

	private boolean ended;

	private final OutputStream stream = new OutputStream() {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			append(bytes, offset, length);
		}
	};

	S3Upload(S3Writes writes, String objectKey, int partSize) {
		this.writes = writes;
		this.objectKey = objectKey;
		this.partSize = partSize;
	}

	@Override
	public OutputStream stream() {
		return stream;
	}

	/** Bytes held in memory now: never more than one part. */
	int buffered() {
		return buffer.length;
	}

	private void append(byte[] bytes, int offset, int length) throws IOException {
		if (ended) {
			throw new IOException("the upload has ended");
		}
		int at = offset;
		int remaining = length;
		while (remaining > 0) {
			if (filled == partSize) {
				sendPart();
			}
			int n = Math.min(remaining, partSize - filled);
			ensureCapacity(filled + n);
			System.arraycopy(bytes, at, buffer, filled, n);
			filled += n;
			at += n;
			remaining -= n;
		}
	}

	private void ensureCapacity(int needed) {
		if (buffer.length < needed) {
			int size = Math.max(needed, Math.min(partSize, Math.max(INITIAL_BUFFER, buffer.length * 2)));
			buffer = Arrays.copyOf(buffer, size);
		}
	}

	private void sendPart() throws IOException {
		try {
			if (uploadId == null) {
				uploadId = writes.start(objectKey);
			}
			parts.add(writes.part(objectKey, uploadId, parts.size() + 1, buffer, filled));
			filled = 0;
		}
		catch (SdkException e) {
			throw failed("part upload", e);
		}
	}

	@Override
	public void commit() throws IOException {
		if (ended) {
			throw new IOException("the upload has ended");
		}
		try {
			if (uploadId == null) {
				writes.put(objectKey, buffer, filled);
			}
			else {
				sendPart();
				writes.complete(objectKey, uploadId, parts);
			}
		}
		catch (SdkException e) {
			// The request may have succeeded with its answer lost; the key is new, so an object
			// under it is this upload, whole.
			if (!writes.exists(objectKey)) {
				throw failed("commit", e);
			}
		}
		committed = true;
		end();
	}

	@Override
	public void close() {
		if (ended) {
			return;
		}
		end();
		if (!committed && uploadId != null) {
			try {
				writes.abort(objectKey, uploadId);
			}
			catch (SdkException e) {
				// the sweep aborts what is left
			}
		}
	}

	private void end() {
		ended = true;
		buffer = NONE;
	}

	/** An I/O failure naming the step and the kind of error, never a key, a bucket or credentials. */
	static IOException failed(String step, SdkException e) {
		return new IOException("S3 " + step + " failed (" + e.getClass().getSimpleName() + ")", e);
	}
}
