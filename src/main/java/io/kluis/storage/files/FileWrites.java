package io.kluis.storage.files;

import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import io.kluis.storage.files.FileTree.Outcome;
import io.kluis.storage.files.FileTree.Precondition;
import io.kluis.storage.files.FileTree.Written;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writing files and creating folders. Contents are written to a new blob before any row changes,
 * and the rows and the quota change in one transaction after the blob is durable, so a failure at
 * any point leaves the old version and no orphan row (see {@link BlobJournal} for the orphan blob).
 */
@Component
class FileWrites {

	private static final int BUFFER = 64 * 1024;

	private final FileLookup lookup;

	private final Nodes nodes;

	private final Usage usage;

	private final BlobJournal journal;

	private final BlobStore blobs;

	private final FileContents contents;

	private final AtRest atRest;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ReadOnlyStorage readOnly;

	private final int smallFileLimit;

	FileWrites(FileLookup lookup, Nodes nodes, Usage usage, BlobJournal journal, BlobStore blobs,
			FileContents contents, AtRest atRest, StorageProperties properties, TransactionTemplate transactions,
			Clock clock, ReadOnlyStorage readOnly) {
		this.readOnly = readOnly;
		this.lookup = lookup;
		this.nodes = nodes;
		this.usage = usage;
		this.journal = journal;
		this.blobs = blobs;
		this.contents = contents;
		this.atRest = atRest;
		this.smallFileLimit = (int) properties.smallFileLimit().toBytes();
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Writes a file from a stream. With a known {@code length} above the small-file limit, a file
	 * that would not fit is refused before a byte is read (a small one, read whole first, by its
	 * transaction); otherwise the upload stops the moment it exceeds the quota.
	 *
	 * @param length the announced length, or -1 when unknown (chunked upload)
	 * @param precondition what the file as it is now must satisfy ({@code If-Match},
	 *        {@code If-None-Match}); checked before the upload and again when it is stored
	 */
	Written write(Space space, FilePath path, InputStream content, long length, @Nullable String contentType,
			Precondition precondition) {
		if (length >= 0 && length <= smallFileLimit) {
			return writeSmall(space, path, content, length, contentType(space, path.name(), contentType), precondition);
		}
		Node parent = lookup.parentFolder(space, path);
		String name = path.name();
		Optional<Node> existing = nodes.child(parent, name);
		if (existing.isPresent() && existing.get().collection()) {
			throw new StorageException.WrongKind("A folder with this name exists.");
		}
		if (!precondition.holds(existing)) {
			throw new StorageException.Changed();
		}
		long replacedSize = existing.map(Node::size).orElse(0L);
		var figures = usage.of(space.account());
		if (length >= 0 && length - replacedSize > figures.available()) {
			throw new StorageException.QuotaExceeded();
		}
		long limit = length >= 0 ? length : figures.available() + replacedSize;
		String type = contentType(space, name, contentType);
		if (length <= smallFileLimit) {
			byte[] head = readAtMost(content, smallFileLimit + 1);
			if (head.length <= smallFileLimit) {
				// the whole file: into the database with its row, in one transaction
				if (head.length > limit) {
					throw length < 0 ? new StorageException.QuotaExceeded() : new StorageException.IncompleteUpload();
				}
				if (length >= 0 && head.length != length) {
					throw new StorageException.IncompleteUpload();
				}
				String key = SmallBlobs.newKey();
				return store(space, parent, name, head.length, key, type, existing, precondition,
						sealsContents(space) ? atRest.sealSmall(space.account(), key, head) : head, sealsContents(space));
			}
			// an unknown length that turned out large: the blob store takes what was read and the rest
			content = new SequenceInputStream(new ByteArrayInputStream(head), content);
		}
		boolean seal = sealsContents(space);
		String blob = seal ? Etags.newSealedBlobKey() : Etags.newBlobKey();
		journal.writing(blob, clock.instant());
		boolean durable = false;
		boolean stored = false;
		try (BlobUpload upload = blobs.create(blob)) {
			var sealing = seal ? atRest.sealing(space.account(), blob, upload.stream()) : null;
			long written = copy(content, sealing != null ? sealing : upload.stream(), limit, length < 0);
			if (length >= 0 && written != length) {
				throw new StorageException.IncompleteUpload();
			}
			if (sealing != null) {
				sealing.finish();
			}
			upload.commit();
			durable = true;
			Written result = store(space, parent, name, written, blob, type, existing, precondition, null, false);
			stored = true;
			return result;
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob write failed", e);
		}
		finally {
			if (durable && !stored) {
				contents.discard(blob);
			}
			else if (!durable) {
				journal.forget(blob);
			}
		}
	}

	/**
	 * A file of a known length that goes into the database with its row (a sync client's typical
	 * file): the contents are read first (at most {@code kluis.storage.small-file-limit}), then one
	 * statement finds the folder and the file as it is ({@link FileLookup#folderAndMember}), and one
	 * transaction checks the file (a folder of that name, the preconditions), the quota (by the
	 * conditional update of the usage row) and inserts the row with its contents, or replaces the
	 * file's if it is still the one seen ({@link Nodes#replaceContentIf}). When it changed meanwhile
	 * (another writer), or the statement cannot be used, the file is looked up again under a lock
	 * ({@link #store}). No further look-ups: the checks a large file needs before its first byte is
	 * read cost a small one more than its reading does.
	 */
	private Written writeSmall(Space space, FilePath path, InputStream content, long length, String type,
			Precondition precondition) {
		byte[] bytes = readAtMost(content, smallFileLimit + 1);
		if (bytes.length != length) {
			throw new StorageException.IncompleteUpload();
		}
		String key = SmallBlobs.newKey();
		boolean seal = sealsContents(space);
		byte[] stored = seal ? atRest.sealSmall(space.account(), key, bytes) : bytes;
		Optional<Nodes.Member> member = lookup.folderAndMember(space, path);
		if (member.isPresent()) {
			Written written = storeSmall(space, member.get(), path.name(), bytes.length, key, type, precondition, stored,
					seal);
			if (written != null) {
				return written;
			}
		}
		return store(space, lookup.parentFolder(space, path), path.name(), bytes.length, key, type, null, precondition,
				stored, seal);
	}

	/**
	 * Stores a small file in the folder of {@code seen} against the member seen there, without a
	 * lock taken before: {@code null} when the member changed meanwhile (replaced, deleted, or
	 * created by another writer), so that the caller looks again under a lock.
	 */
	private @Nullable Written storeSmall(Space space, Nodes.Member seen, String name, long size, String key,
			String type, Precondition precondition, byte[] small, boolean sealed) {
		Instant now = clock.instant();
		Optional<Node> current = seen.member();
		if (current.isPresent() && current.get().collection()) {
			throw new StorageException.WrongKind("A folder with this name exists.");
		}
		if (!precondition.holds(current)) {
			throw new StorageException.Changed();
		}
		String[] garbage = new String[1];
		Written written;
		try {
			written = transactions.execute(tx -> {
				if (current.isPresent()) {
					Node old = current.get();
					String etag = Etags.random();
					// the file's row first, then the usage row: the order {@link #store} locks them in (the other
					// order deadlocked against it on PostgreSQL under concurrent PUTs of one file)
					if (!nodes.replaceContentIf(old.id(), old.etag(), size, key, type, etag, now, small, sealed)) {
						tx.setRollbackOnly();
						return null;
					}
					usage.addByCustomer(space.account(), size - old.size());
					if (old.blob() != null && !SmallBlobs.isSmall(old.blob()) && !nodes.blobReferenced(old.blob())) {
						journal.garbage(old.blob(), now);
						garbage[0] = old.blob();
					}
					return new Written(Outcome.REPLACED, new Node(old.id(), old.space(), old.owner(), old.parent(),
							old.name(), false, size, key, type, etag, old.createdAt(), now));
				}
				usage.addByCustomer(space.account(), size);
				var node = new Node(UUID.randomUUID(), space.id(), space.account(), seen.folder().id(), name, false, size,
						key, type, Etags.random(), now, now);
				nodes.insert(node, small, sealed);
				return new Written(Outcome.CREATED, node);
			});
		}
		catch (DuplicateKeyException e) {
			return null; // another writer created the file meanwhile
		}
		catch (DataIntegrityViolationException e) {
			throw new StorageException.ParentMissing(); // the folder went away meanwhile: the client may retry
		}
		if (garbage[0] != null) {
			contents.discard(garbage[0]);
		}
		return written;
	}

	/**
	 * Contents of plain spaces are sealed under the owner's data key; a vault's contents are
	 * ciphertext the browser made, kept as they are.
	 */
	static boolean sealsContents(Space space) {
		return space.kind() != SpaceKind.VAULT;
	}

	/**
	 * Makes an already durable blob (a completed resumable upload) the file at {@code path}, with
	 * the same checks and quota accounting as {@link #write}. The caller discards the blob when this
	 * throws.
	 */
	Written storeUploaded(Space space, FilePath path, String blob, long size, @Nullable String contentType,
			Precondition precondition) {
		Node parent = lookup.parentFolder(space, path);
		Optional<Node> existing = nodes.child(parent, path.name());
		if (existing.isPresent() && existing.get().collection()) {
			throw new StorageException.WrongKind("A folder with this name exists.");
		}
		if (!precondition.holds(existing)) {
			throw new StorageException.Changed();
		}
		return store(space, parent, path.name(), size, blob, contentType(space, path.name(), contentType), existing,
				precondition, null, false);
	}

	/**
	 * Checks that a file could be written at {@code path}: the storage is not read-only, its folder
	 * exists and no folder has the name.
	 */
	void checkWritable(Space space, FilePath path) {
		readOnly.requireWritable(space.account());
		Node parent = lookup.parentFolder(space, path);
		if (nodes.child(parent, path.name()).filter(Node::collection).isPresent()) {
			throw new StorageException.WrongKind("A folder with this name exists.");
		}
	}

	/** Creates a folder. */
	Node createFolder(Space space, FilePath path) {
		Node parent = lookup.parentFolder(space, path);
		if (nodes.child(parent, path.name()).isPresent()) {
			throw new StorageException.AlreadyExists();
		}
		Instant now = clock.instant();
		var folder = new Node(UUID.randomUUID(), space.id(), space.account(), parent.id(), path.name(), true, 0, null, null,
				Etags.random(), now, now);
		try {
			transactions.executeWithoutResult(tx -> nodes.insert(folder));
		}
		catch (DataIntegrityViolationException e) {
			throw new StorageException.AlreadyExists();
		}
		return folder;
	}

	/**
	 * Stores the row of a file whose contents are durable: in the blob store (journalled as
	 * WRITING until now), or {@code small} contents that go into the database in this transaction.
	 *
	 * @param seen the file as the caller saw it when it checked the precondition, or {@code null}
	 *        when it did not: then the precondition is checked here, against the file as it is
	 */
	private Written store(Space space, Node parent, String name, long size, String blob, String type,
			@Nullable Optional<Node> seen, Precondition precondition, byte @Nullable [] small, boolean sealed) {
		Instant now = clock.instant();
		String[] garbage = new String[1];
		Written written;
		try {
			written = transactions.execute(tx -> {
				Optional<Node> current = nodes.childForUpdate(parent, name);
				if (current.isPresent() && current.get().collection()) {
					throw new StorageException.WrongKind("A folder with this name exists.");
				}
				boolean changedMeanwhile = seen == null || !current.map(Node::etag).equals(seen.map(Node::etag));
				if (changedMeanwhile && !precondition.holds(current)) {
					throw new StorageException.Changed();
				}
				if (small == null) {
					journal.forget(blob);
				}
				if (current.isPresent()) {
					Node old = current.get();
					usage.addByCustomer(space.account(), size - old.size());
					String etag = Etags.random();
					nodes.replaceContent(old.id(), size, blob, type, etag, now, small, sealed);
					// a small file's old contents went with the update ({@link SmallBlobs})
					if (old.blob() != null && !SmallBlobs.isSmall(old.blob()) && !nodes.blobReferenced(old.blob())) {
						journal.garbage(old.blob(), now);
						garbage[0] = old.blob();
					}
					return new Written(Outcome.REPLACED, new Node(old.id(), old.space(), old.owner(), old.parent(),
							old.name(), false, size, blob, type, etag, old.createdAt(), now));
				}
				usage.addByCustomer(space.account(), size);
				var node = new Node(UUID.randomUUID(), space.id(), space.account(), parent.id(), name, false, size, blob, type,
						Etags.random(), now, now);
				nodes.insert(node, small, sealed);
				return new Written(Outcome.CREATED, node);
			});
		}
		catch (DataIntegrityViolationException e) {
			// the folder went away, or another upload created the same name first: the client may retry
			throw new StorageException.ParentMissing();
		}
		if (garbage[0] != null) {
			contents.discard(garbage[0]);
		}
		return written;
	}

	/**
	 * Copies at most {@code limit} bytes. More bytes mean the quota is exceeded (unknown length) or
	 * the client sent more than announced; a failed read means the client broke off.
	 */
	private static long copy(InputStream in, OutputStream out, long limit, boolean limitIsQuota) throws IOException {
		byte[] buffer = new byte[BUFFER];
		long total = 0;
		while (true) {
			int n;
			try {
				n = in.read(buffer);
			}
			catch (IOException e) {
				throw new StorageException.IncompleteUpload();
			}
			if (n < 0) {
				return total;
			}
			total += n;
			if (total > limit) {
				if (limitIsQuota) {
					throw new StorageException.QuotaExceeded();
				}
				throw new StorageException.IncompleteUpload();
			}
			out.write(buffer, 0, n);
		}
	}

	private static String contentType(Space space, String name, @Nullable String declared) {
		if (space.kind() == SpaceKind.VAULT) {
			return MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}
		if (declared != null && !declared.isBlank() && declared.length() <= 255) {
			try {
				return MediaType.parseMediaType(declared).toString();
			}
			catch (org.springframework.util.InvalidMimeTypeException e) {
				// fall back to the name
			}
		}
		return MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
	}

	/** Reads up to {@code max} bytes, fewer only at the end of the stream; a failed read is a broken-off upload. */
	private static byte[] readAtMost(InputStream in, int max) {
		try {
			return in.readNBytes(max);
		}
		catch (IOException e) {
			throw new StorageException.IncompleteUpload();
		}
	}
}
