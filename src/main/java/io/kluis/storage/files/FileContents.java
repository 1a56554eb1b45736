package io.kluis.storage.files;

import io.kluis.storage.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A file's contents wherever they are kept: in the blob store (sealed under the owner's data key or
 * as they came), or small ones in the database. Reads them and deletes those nothing names any more.
 */
@Component
class FileContents {

	private static final Logger log = LoggerFactory.getLogger(FileContents.class);

	private final BlobStore blobs;

	private final SmallBlobs smallBlobs;

	private final BlobJournal journal;

	private final AtRest atRest;

	FileContents(BlobStore blobs, SmallBlobs smallBlobs, BlobJournal journal, AtRest atRest) {
		this.blobs = blobs;
		this.smallBlobs = smallBlobs;
		this.journal = journal;
		this.atRest = atRest;
	}

	/** Reads {@code length} bytes of a file from {@code offset}. */
	InputStream open(Node file, long offset, long length) throws IOException {
		if (file.blob() == null) {
			throw new StorageException.WrongKind("A folder has no contents to read.");
		}
		String blob = file.blob();
		long from = Math.max(0, Math.min(offset, file.size()));
		long count = Math.max(0, Math.min(length, file.size() - from));
		if (SmallBlobs.isSmall(blob)) {
			var stored = smallBlobs.stored(file.id(), blob);
			byte[] content = stored.sealed() ? atRest.openSmall(file.owner(), blob, stored.content())
					: stored.content();
			int start = (int) Math.min(offset, content.length);
			return new ByteArrayInputStream(content, start, (int) Math.min(Math.max(0, length), content.length - start));
		}
		if (!Etags.isSealed(blob)) {
			return blobs.open(blob, offset, length);
		}
		return atRest.opening(file.owner(), blob, (o, l) -> blobs.open(blob, o, l), file.size(), from,
				count);
	}

	/** The file's contents as a local file, when the blob store keeps them so (for sendfile). */
	Optional<Path> localFile(Node file) {
		return file.blob() == null || SmallBlobs.isSmall(file.blob()) || Etags.isSealed(file.blob()) ? Optional.empty()
				: blobs.localFile(file.blob());
	}

	/** Whether a blob's contents still exist, wherever they are kept (small files in the database). */
	boolean exist(String blob) throws IOException {
		return SmallBlobs.isSmall(blob) ? smallBlobs.exists(blob) : blobs.exists(blob);
	}

	/** Deletes a blob's contents; a small file's went with its row ({@link SmallBlobs}). */
	void delete(String blob) throws IOException {
		if (!SmallBlobs.isSmall(blob)) {
			blobs.delete(blob);
		}
	}

	/** Deletes a blob nothing names any more, then its journal entry; the sweep retries on failure. */
	void discard(String blob) {
		try {
			delete(blob);
			journal.forget(blob);
		}
		catch (IOException | RuntimeException e) {
			log.warn("event=storage.blob.delete-failed type={}", e.getClass().getSimpleName());
		}
	}
}
