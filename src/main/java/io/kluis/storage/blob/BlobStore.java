package io.kluis.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where file contents live. A blob is written once under a fresh key and never changed: a new
 * version of a file is a new blob, so a reader never sees a half-written file and a crash leaves
 * the old version intact. Keys are opaque (random hex); they reveal nothing about the file.
 */
public interface BlobStore {

	/** Where the blobs are kept, for EU-1 (the policy and the start-up check name it). */
	BlobLocation location();

	/**
	 * Starts a new blob. Nothing is visible under {@code key} until {@link BlobUpload#commit()}
	 * returns; closing the upload without committing discards what was written.
	 */
	BlobUpload create(String key) throws IOException;

	/**
	 * Starts a resumable upload of a new blob: bytes arrive in pieces, over several requests and
	 * possibly several server nodes, and become the blob only at {@link #completeResumable}.
	 *
	 * @return the backend's state of the upload, to be passed to the following calls
	 */
	String beginResumable(String key) throws IOException;

	/**
	 * Appends the next piece. {@code offset} is how many bytes the upload already has. The piece
	 * survives the process (a restart resumes at the new offset); it need not survive a power cut
	 * yet: {@link #completeResumable} makes the whole upload durable, and fails when a piece was lost.
	 *
	 * @return the new state
	 * @throws IllegalStateException when the upload does not have exactly {@code offset} bytes
	 */
	String appendResumable(String key, String state, long offset, InputStream piece, long length)
			throws IOException;

	/** Makes the uploaded bytes the blob {@code key}, durably and atomically. */
	void completeResumable(String key, String state) throws IOException;

	/** Discards an unfinished resumable upload; idempotent. */
	void abortResumable(String key, String state) throws IOException;

	/** Reads {@code length} bytes from {@code offset}; the blob must exist. */
	InputStream open(String key, long offset, long length) throws IOException;

	/**
	 * The blob as a local file, when this store keeps blobs on a local filesystem: lets the web
	 * server send it without copying through the JVM (sendfile).
	 */
	default Optional<Path> localFile(String key) {
		return Optional.empty();
	}

	/** Deletes the blob; deleting a missing blob is not an error (sweeps repeat deletions). */
	void delete(String key) throws IOException;

	boolean exists(String key) throws IOException;

	/**
	 * Removes what uploads that started before {@code before} left behind and never committed (temp
	 * files, unfinished multipart uploads). Returns how many were removed.
	 */
	int sweepUnfinished(Instant before) throws IOException;

	/**
	 * Removes the temporary data of single-request writes ({@link #create}) that nothing has written
	 * to since {@code before}: a write in progress, on any node sharing the store, writes to it
	 * continuously, so this is what a process that died mid-upload left. Resumable uploads are left
	 * alone (a paused one is not abandoned; {@link #sweepUnfinished} takes those). Returns how many.
	 */
	int sweepAbandonedWrites(Instant before) throws IOException;
}
