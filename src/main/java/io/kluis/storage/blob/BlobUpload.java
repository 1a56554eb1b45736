package io.kluis.storage.blob;

import java.io.IOException;
import java.io.OutputStream;

/** A blob being written: write to {@link #stream()}, then {@link #commit()} or {@link #close()}. */
public interface BlobUpload extends AutoCloseable {

	/** Where the contents go; writing past the end of a commit is an error. */
	OutputStream stream();

	/**
	 * Makes the blob durable and visible under its key (fsync then atomic rename, or completing the
	 * multipart upload). When it returns, the bytes survive a crash.
	 */
	void commit() throws IOException;

	/** Discards an uncommitted blob; after a commit it does nothing. */
	@Override
	void close();
}
