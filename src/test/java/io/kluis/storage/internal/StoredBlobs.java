package io.kluis.storage.internal;

import io.kluis.storage.blob.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a blob store holds, seen from outside the store, for tests that prove an operation left no
 * orphan and no temporary data behind, on whichever backend the context runs.
 */
public interface StoredBlobs {

	/** The keys of all committed blobs, sorted. */
	List<String> committed();

	/** Uploads that started and neither committed nor ended: temp files, or unfinished multipart uploads. */
	List<String> unfinished();

	/**
	 * Where the bytes of {@code needle} occur: files under the store's directory (temp files too), or
	 * objects in the bucket (resumable uploads' tails too; parts of unfinished multipart uploads
	 * cannot be read back).
	 */
	List<String> containing(byte[] needle);

	/** Whether {@code needle} occurs in {@code bytes}. */
	static boolean contains(byte[] bytes, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= bytes.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	/** The view of the given store (a filesystem or an S3 blob store). */
	static StoredBlobs of(BlobStore store) {
		if (store instanceof FilesystemBlobStore filesystem) {
			return new OnDisk(filesystem.root());
		}
		if (store instanceof S3BlobStore s3) {
			return new InBucket(s3.client(), s3.bucket());
		}
		throw new IllegalArgumentException("unknown blob store " + store.getClass());
	}

	/** Blob files under the store's directory; temp files in its {@code .tmp}. */
	record OnDisk(Path root) implements StoredBlobs {

		@Override
		public List<String> committed() {
			try (Stream<Path> all = Files.walk(root)) {
				return all.filter(Files::isRegularFile)
					.filter(p -> !p.startsWith(root.resolve(".tmp")))
					.map(p -> p.getFileName().toString())
					.sorted()
					.toList();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		@Override
		public List<String> containing(byte[] needle) {
			try (Stream<Path> all = Files.walk(root)) {
				return all.filter(Files::isRegularFile).filter(p -> {
					try {
						return StoredBlobs.contains(Files.readAllBytes(p), needle);
					}
					catch (IOException e) {
						return false; // committed or removed meanwhile
					}
				}).map(p -> p.getFileName().toString()).sorted().toList();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		@Override
		public List<String> unfinished() {
			try (Stream<Path> temp = Files.list(root.resolve(".tmp"))) {
				return temp.map(p -> p.getFileName().toString()).sorted().toList();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	/** Objects under the store's prefix; uploads that were neither completed nor aborted. */
	record InBucket(S3Client s3, String bucket) implements StoredBlobs {

		@Override
		public List<String> committed() {
			return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(S3BlobStore.PREFIX))
				.contents()
				.stream()
				.map(S3Object::key)
				.map(key -> key.substring(S3BlobStore.PREFIX.length()))
				.sorted()
				.toList();
		}

		@Override
		public List<String> containing(byte[] needle) {
			return s3.listObjectsV2Paginator(b -> b.bucket(bucket))
				.contents()
				.stream()
				.map(S3Object::key)
				.filter(key -> StoredBlobs.contains(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(),
						needle))
				.sorted()
				.toList();
		}

		/** Multipart uploads, and the tails of resumable uploads. */
		@Override
		public List<String> unfinished() {
			var uploads = s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(S3BlobStore.PREFIX))
				.uploads()
				.stream()
				.map(MultipartUpload::uploadId);
			var tails = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(S3Resumable.TAILS))
				.contents()
				.stream()
				.map(S3Object::key);
			return Stream.concat(uploads, tails).sorted().toList();
		}
	}
}
