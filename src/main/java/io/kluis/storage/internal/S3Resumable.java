package io.kluis.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Resumable uploads on S3: a multipart upload, started with the upload, that completes at the end.
 * Pieces come in any size, but every S3 part but the last must be at least 5 MiB; so the bytes of
 * pieces that have not yet filled a part wait in a tail object ({@code uploads/<key>.<n>}), and a
 * piece goes, after the tail, into the next part once the two reach the part size, or into a new
 * tail otherwise. Every step streams (tail and piece straight into the request), holds no piece in
 * memory, and is durable when it returns; a failed step leaves the previous state intact, so the
 * piece can be sent again. The state kept with the upload names the multipart upload, its parts and
 * bytes, and the current tail: {@code parts/bytes/tail number/tail length/upload id}.
 */
final class S3Resumable {

	/** Tails of resumable uploads, apart from the blobs. */
	static final String TAILS = "uploads/";

	private final S3Client s3;

	private final String bucket;

	private final S3Writes writes;

	private final long partSize;

	S3Resumable(S3Client s3, String bucket, S3Writes writes, long partSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.writes = writes;
		this.partSize = partSize;
	}

	record State(int parts, long bytes, int tail, long tailLength, String uploadId) {

		static State decode(String state) {
			String[] fields = state.split("/", 5);
			if (fields.length != 5) {
				throw new IllegalArgumentException("not the state of an S3 resumable upload");
			}
			return new State(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Integer.parseInt(fields[2]),
					Long.parseLong(fields[3]), fields[4]);
		}

		String encode() {
			return parts + "/" + bytes + "/" + tail + "/" + tailLength + "/" + uploadId;
		}
	}

	String begin(String key) throws IOException {
		try {
			return new State(0, 0, 0, 0, writes.start(S3BlobStore.objectKey(key))).encode();
		}
		catch (SdkException e) {
			throw S3Upload.failed("resumable start", e);
		}
	}

	String append(String key, String encoded, long offset, InputStream piece, long length) throws IOException {
		State state = State.decode(encoded);
		if (state.bytes() != offset) {
			throw new IllegalStateException("the upload has another length than the offset");
		}
		String object = S3BlobStore.objectKey(key);
		long total = state.tailLength() + length;
		State next;
		// the piece is the caller's to close; the tail is read to its end or aborted
		try (InputStream tail = state.tailLength() == 0 ? InputStream.nullInputStream() : tail(key, state)) {
			InputStream body = new SequenceInputStream(tail, piece);
			if (total >= partSize) {
				writes.part(object, state.uploadId(), state.parts() + 1, body, total);
				next = new State(state.parts() + 1, offset + length, state.tail(), 0, state.uploadId());
			}
			else {
				next = new State(state.parts(), offset + length, state.tail() + 1, total, state.uploadId());
				writes.put(tailKey(key, next.tail()), body, total);
			}
		}
		catch (SdkException e) {
			throw S3Upload.failed("resumable append", e);
		}
		catch (RuntimeException e) {
			// a piece broken off mid-request: the SDK cannot replay a stream and says so unchecked
			throw new IOException("S3 resumable append failed (" + e.getClass().getSimpleName() + ")", e);
		}
		deleteTail(key, state);
		return next.encode();
	}

	void complete(String key, String encoded) throws IOException {
		State state = State.decode(encoded);
		String object = S3BlobStore.objectKey(key);
		if (writes.exists(object)) {
			deleteTail(key, state); // completed before, with the answer lost (the key is new)
			return;
		}
		try {
			if (state.bytes() == 0) {
				writes.put(object, new byte[0], 0);
				writes.abort(object, state.uploadId());
				return;
			}
			if (state.tailLength() > 0) {
				try (InputStream tail = tail(key, state)) {
					writes.part(object, state.uploadId(), state.parts() + 1, tail, state.tailLength());
				}
			}
			List<CompletedPart> parts = writes.parts(object, state.uploadId());
			writes.complete(object, state.uploadId(), parts);
		}
		catch (SdkException e) {
			// completed before with the answer lost: the key is new, so an object under it is this upload
			if (!writes.exists(object)) {
				throw S3Upload.failed("resumable complete", e);
			}
		}
		deleteTail(key, state);
	}

	void abort(String key, String encoded) throws IOException {
		State state = State.decode(encoded);
		try {
			writes.abort(S3BlobStore.objectKey(key), state.uploadId());
			for (S3Object tail : tails(TAILS + key + ".")) {
				s3.deleteObject(b -> b.bucket(bucket).key(tail.key()));
			}
		}
		catch (SdkException e) {
			throw S3Upload.failed("resumable abort", e);
		}
	}

	/** Whether the resumable upload to {@code key} received a piece since {@code since}. */
	boolean activeSince(String key, Instant since) {
		for (S3Object tail : tails(TAILS + key + ".")) {
			if (tail.lastModified() != null && !tail.lastModified().isBefore(since)) {
				return true;
			}
		}
		return false;
	}

	/** Deletes the tails last written before {@code before}; returns how many. */
	int sweepTails(Instant before) {
		int removed = 0;
		for (S3Object tail : tails(TAILS)) {
			if (tail.lastModified() != null && tail.lastModified().isBefore(before)) {
				s3.deleteObject(b -> b.bucket(bucket).key(tail.key()));
				removed++;
			}
		}
		return removed;
	}

	private Iterable<S3Object> tails(String prefix) {
		return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents();
	}

	private static String tailKey(String key, int tail) {
		return TAILS + key + "." + tail;
	}

	private InputStream tail(String key, State state) throws IOException {
		try {
			return new S3Range(s3.getObject(b -> b.bucket(bucket).key(tailKey(key, state.tail()))),
					state.tailLength());
		}
		catch (NoSuchKeyException e) {
			throw new IOException("the upload's tail is gone", e);
		}
	}

	/** Deletes a tail that a newer state no longer names; the sweep removes it if this fails. */
	private void deleteTail(String key, State state) {
		if (state.tailLength() == 0) {
			return;
		}
		try {
			s3.deleteObject(b -> b.bucket(bucket).key(tailKey(key, state.tail())));
		}
		catch (SdkException e) {
			// swept later
		}
	}
}
