package io.kluis.storage.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How objects are written to one bucket: a single PUT, or the steps of a multipart upload. A
 * multipart upload is named by its object key and upload id alone and each step stands on its own,
 * so an upload can be carried on by another request or node (a resumable upload keeps the id and
 * the completed parts and continues here).
 */
final class S3Writes {

	private static final String OCTETS = "application/octet-stream";

	private final S3Client s3;

	private final String bucket;

	S3Writes(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	/** Starts a multipart upload; nothing is visible under the key until {@link #complete}. */
	String start(String objectKey) {
		return s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey).contentType(OCTETS)).uploadId();
	}

	/**
	 * Uploads {@code length} bytes of {@code buffer} as part {@code number} (from 1). The body is read
	 * straight from the buffer, again on a retry, never copied.
	 */
	CompletedPart part(String objectKey, String uploadId, int number, byte[] buffer, int length) {
		String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)
			.contentLength((long) length), body(buffer, length)).eTag();
		return CompletedPart.builder().partNumber(number).eTag(etag).build();
	}

	/** Uploads part {@code number} streamed from {@code in}, which must hold {@code length} bytes. */
	void part(String objectKey, String uploadId, int number, InputStream in, long length) {
		s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number).contentLength(length),
				RequestBody.fromInputStream(in, length));
	}

	/** The parts uploaded so far, in order, as S3 lists them. */
	List<CompletedPart> parts(String objectKey, String uploadId) {
		return s3.listPartsPaginator(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId))
			.parts()
			.stream()
			.map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build())
			.toList();
	}

	/** When the upload last received a part; empty when it has none (or is gone). */
	Optional<Instant> lastPart(String objectKey, String uploadId) {
		try {
			return s3.listPartsPaginator(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId))
				.parts()
				.stream()
				.map(Part::lastModified)
				.filter(t -> t != null)
				.max(Instant::compareTo);
		}
		catch (NoSuchUploadException e) {
			return Optional.empty();
		}
	}

	/** Makes the object visible, whole, under its key: the commit of a multipart upload. */
	void complete(String objectKey, String uploadId, List<CompletedPart> parts) {
		s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
			.multipartUpload(m -> m.parts(parts)));
	}

	/** Discards the upload and its parts; {@code false} when it was gone already. */
	boolean abort(String objectKey, String uploadId) {
		try {
			s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
			return true;
		}
		catch (NoSuchUploadException e) {
			return false;
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw e;
		}
	}

	/** The uploads under {@code prefix} that were started and neither completed nor aborted. */
	Iterable<MultipartUpload> unfinished(String prefix) {
		return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads();
	}

	/** Whether the object exists; {@code false} when that cannot be told either. */
	boolean exists(String objectKey) {
		try {
			s3.headObject(b -> b.bucket(bucket).key(objectKey));
			return true;
		}
		catch (SdkException e) {
			return false;
		}
	}

	/** A single-request object, for blobs that fit in one part. */
	void put(String objectKey, byte[] buffer, int length) {
		s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(OCTETS).contentLength((long) length),
				body(buffer, length));
	}

	/** A single-request object streamed from {@code in}, which must hold {@code length} bytes. */
	void put(String objectKey, InputStream in, long length) {
		s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(OCTETS).contentLength(length),
				RequestBody.fromInputStream(in, length));
	}

	private static RequestBody body(byte[] buffer, int length) {
		return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTETS);
	}
}
