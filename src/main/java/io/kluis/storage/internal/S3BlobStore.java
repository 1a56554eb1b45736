package io.kluis.storage.internal;

import io.kluis.storage.blob.BlobLocation;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in a bucket of S3-compatible storage, under {@code blobs/<key>}. An upload holds
 * at most one part in memory ({@code kluis.storage.blobs.s3.part-size}): a blob that fits in one
 * part is sent with a single PUT on commit, a larger one as a multipart upload whose completion is
 * the commit. Both are atomic in S3: before the commit no object exists under the key, after it the
 * whole object does, and an uncommitted multipart upload is aborted on close or by the sweep.
 * Resumable uploads are multipart uploads too, fed piece by piece ({@link S3Resumable}).
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

	/** Every object of Kluis lives under this prefix, so the bucket may hold other things too. */
	static final String PREFIX = "blobs/";

	private static final Pattern KEY = Pattern.compile("[0-9a-z]{32}");

	private final S3Client s3;

	private final String bucket;

	private final BlobLocation location;

	private final S3Writes writes;

	private final int partSize;

	private final S3Resumable resumable;

	S3BlobStore(S3Client s3, String bucket, String region, String endpointHost, int partSize) {
		this.s3 = s3;
		this.bucket = bucket;
		this.partSize = partSize;
		this.writes = new S3Writes(s3, bucket);
		this.resumable = new S3Resumable(s3, bucket, writes, partSize);
		this.location = new BlobLocation("s3", region,
				"S3-compatible object storage at " + endpointHost + ", bucket " + bucket);
	}

	@Override
	public BlobLocation location() {
		return location;
	}

	S3Client client() {
		return s3;
	}

	String bucket() {
		return bucket;
	}

	static String objectKey(String key) {
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("not a blob key");
		}
		return PREFIX + key;
	}

	@Override
	public BlobUpload create(String key) {
		return new S3Upload(writes, objectKey(key), partSize);
	}

	@Override
	public String beginResumable(String key) throws IOException {
		return resumable.begin(key);
	}

	@Override
	public String appendResumable(String key, String state, long offset, InputStream piece, long length)
			throws IOException {
		return resumable.append(key, state, offset, piece, length);
	}

	@Override
	public void completeResumable(String key, String state) throws IOException {
		resumable.complete(key, state);
	}

	@Override
	public void abortResumable(String key, String state) throws IOException {
		resumable.abort(key, state);
	}

	@Override
	public InputStream open(String key, long offset, long length) throws IOException {
		String object = objectKey(key);
		if (length <= 0) {
			if (!exists(key)) {
				throw new NoSuchFileException("blob");
			}
			return InputStream.nullInputStream();
		}
		try {
			ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket)
				.key(object)
				.range("bytes=" + offset + "-" + (offset + length - 1)));
			return new S3Range(in, length);
		}
		catch (NoSuchKeyException e) {
			throw new NoSuchFileException("blob");
		}
		catch (SdkException e) {
			throw S3Upload.failed("read", e);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		String object = objectKey(key);
		try {
			s3.deleteObject(b -> b.bucket(bucket).key(object));
		}
		catch (NoSuchKeyException e) {
			// already gone: S3 answers 204 anyway, some compatible servers 404
		}
		catch (SdkException e) {
			throw S3Upload.failed("delete", e);
		}
	}

	@Override
	public boolean exists(String key) throws IOException {
		String object = objectKey(key);
		try {
			s3.headObject(b -> b.bucket(bucket).key(object));
			return true;
		}
		catch (NoSuchKeyException e) {
			return false;
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw S3Upload.failed("head", e);
		}
		catch (SdkException e) {
			throw S3Upload.failed("head", e);
		}
	}

	/**
	 * Aborts the multipart uploads under {@link #PREFIX} whose last activity (start, last part, or
	 * for a resumable upload its last piece) was before {@code before}, and deletes resumable
	 * uploads' tails last written before then.
	 */
	@Override
	public int sweepUnfinished(Instant before) throws IOException {
		int removed = 0;
		try {
			for (MultipartUpload upload : writes.unfinished(PREFIX)) {
				if (upload.initiated() == null || !upload.initiated().isBefore(before)) {
					continue;
				}
				String key = upload.key().substring(PREFIX.length());
				boolean active = writes.lastPart(upload.key(), upload.uploadId()).filter(t -> !t.isBefore(before))
					.isPresent() || resumable.activeSince(key, before);
				if (!active && writes.abort(upload.key(), upload.uploadId())) {
					removed++;
				}
			}
			removed += resumable.sweepTails(before);
		}
		catch (SdkException e) {
			throw S3Upload.failed("sweep", e);
		}
		return removed;
	}

	/**
	 * Nothing here: S3 keeps no temporary files, and an interrupted multipart upload cannot be told
	 * apart from a paused resumable one by the bucket alone, so {@link #sweepUnfinished} aborts both
	 * after the longer age ({@code kluis.storage.unfinished-upload-age}).
	 */
	@Override
	public int sweepAbandonedWrites(Instant before) {
		return 0;
	}

	@Override
	public void close() {
		s3.close();
	}

	@Override
	public String toString() {
		return "S3BlobStore[" + location.description() + "]";
	}
}
