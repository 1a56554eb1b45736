package io.kluis.storage.files;

import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.blob.BlobUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The file operations WebDAV and the web client share: write, create folder, delete (to the
 * trash), move, copy, read. Contents are written to a new blob before any row changes, and the rows
 * and the quota change in one transaction after the blob is durable, so a failure at any point
 * leaves the old version and no orphan row (see {@link BlobJournal} for the orphan blob).
 */
@Service
public class FileTree {

	private static final Logger log = LoggerFactory.getLogger(FileTree.class);

	private static final int BUFFER = 64 * 1024;

	private final Nodes nodes;

	private final Usage usage;

	private final BlobJournal journal;

	private final BlobStore blobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Spaces spaces;

	private final SmallBlobs smallBlobs;

	private final int smallFileLimit;

	private final AtRest atRest;

	FileTree(Nodes nodes, Spaces spaces, Usage usage, BlobJournal journal, BlobStore blobs, SmallBlobs smallBlobs,
			StorageProperties properties, TransactionTemplate transactions, Clock clock, AtRest atRest) {
		this.nodes = nodes;
		this.atRest = atRest;
		this.smallBlobs = smallBlobs;
		this.smallFileLimit = (int) properties.smallFileLimit().toBytes();
		this.spaces = spaces;
		this.usage = usage;
		this.journal = journal;
		this.blobs = blobs;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** How a write or a transfer ended: a new resource, or one that replaced another. */
	public enum Outcome {
		CREATED, REPLACED
	}

	/** The result of a write: the outcome and the file as it is now. */
	public record Written(Outcome outcome, Node node) {
	}

	public Optional<Node> resolve(Space space, FilePath path) {
		Node node = nodes.root(space);
		for (String name : path.names()) {
			if (!node.collection()) {
				return Optional.empty();
			}
			Optional<Node> child = nodes.child(node, name);
			if (child.isEmpty()) {
				return Optional.empty();
			}
			node = child.get();
		}
		return Optional.of(node);
	}

	public List<Node> children(Node folder) {
		return nodes.children(folder);
	}

	/** How many files and folders the subtree has, counting no further than {@code limit + 1}. */
	public int countSubtree(Node folder, int limit) {
		return nodes.countSubtree(folder.id(), limit);
	}

	/** The folder a new member at {@code path} goes into. */
	private Node parentFolder(Space space, FilePath path) {
		FilePath parentPath = path.parent().orElseThrow(() -> new StorageException.Forbidden("The root cannot be changed."));
		return resolve(space, parentPath).filter(Node::collection).orElseThrow(StorageException.ParentMissing::new);
	}

	/**
	 * Writes a file from a stream. With a known {@code length}, a file that would not fit is refused
	 * before a byte is read; otherwise the upload stops the moment it exceeds the quota.
	 *
	 * @param length the announced length, or -1 when unknown (chunked upload)
	 * @param precondition what the file as it is now must satisfy ({@code If-Match},
	 *        {@code If-None-Match}); checked before the upload and again when it is stored
	 */
	public Written write(Space space, FilePath path, InputStream content, long length, @Nullable String contentType,
			Precondition precondition) {
		Node parent = parentFolder(space, path);
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
				discard(blob);
			}
			else if (!durable) {
				journal.forget(blob);
			}
		}
	}

	/**
	 * Contents of plain spaces are sealed under the owner's data key; a vault's contents are
	 * ciphertext the browser made, kept as they are.
	 */
	static boolean sealsContents(Space space) {
		return space.kind() != SpaceKind.VAULT;
	}

	/**
	 * Seals a completed resumable upload that was started before uploads were sealed piece by piece
	 * ({@link Uploads}) into a new blob when its space seals contents, and deletes the unsealed one.
	 * Returns the blob the file gets: the new one, or {@code blob} itself in a vault.
	 */
	String sealUploaded(Space space, String blob, long size) throws IOException {
		if (!sealsContents(space)) {
			return blob;
		}
		String sealed = Etags.newSealedBlobKey();
		journal.writing(sealed, clock.instant());
		boolean durable = false;
		try (BlobUpload upload = blobs.create(sealed); InputStream in = blobs.open(blob, 0, size)) {
			var sealing = atRest.sealing(space.account(), sealed, upload.stream());
			if (in.transferTo(sealing) != size) {
				throw new IOException("the upload has another length than received");
			}
			sealing.finish();
			upload.commit();
			durable = true;
		}
		finally {
			if (!durable) {
				journal.forget(sealed);
			}
		}
		discard(blob);
		return sealed;
	}

	/**
	 * Makes an already durable blob (a completed resumable upload) the file at {@code path}, with
	 * the same checks and quota accounting as {@link #write}. The caller discards the blob when this
	 * throws.
	 */
	Written storeUploaded(Space space, FilePath path, String blob, long size, @Nullable String contentType,
			Precondition precondition) {
		Node parent = parentFolder(space, path);
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

	/** Checks that a file could be written at {@code path}: its folder exists and no folder has the name. */
	void checkWritable(Space space, FilePath path) {
		Node parent = parentFolder(space, path);
		if (nodes.child(parent, path.name()).filter(Node::collection).isPresent()) {
			throw new StorageException.WrongKind("A folder with this name exists.");
		}
	}

	/**
	 * Stores the row of a file whose contents are durable: in the blob store (journalled as
	 * WRITING until now), or {@code small} contents that go into the database in this transaction.
	 */
	private Written store(Space space, Node parent, String name, long size, String blob, String type,
			Optional<Node> seen, Precondition precondition, byte @Nullable [] small, boolean sealed) {
		Instant now = clock.instant();
		String[] garbage = new String[1];
		Written written;
		try {
			written = transactions.execute(tx -> {
				Optional<Node> current = nodes.childForUpdate(parent, name);
				if (current.isPresent() && current.get().collection()) {
					throw new StorageException.WrongKind("A folder with this name exists.");
				}
				boolean changedMeanwhile = !current.map(Node::etag).equals(seen.map(Node::etag));
				if (changedMeanwhile && !precondition.holds(current)) {
					throw new StorageException.Changed();
				}
				if (small != null) {
					smallBlobs.insert(blob, small, sealed);
				}
				else {
					journal.forget(blob);
				}
				if (current.isPresent()) {
					Node old = current.get();
					usage.add(space.account(), size - old.size());
					nodes.replaceContent(old.id(), size, blob, type, now);
					if (old.blob() != null && !nodes.blobReferenced(old.blob())) {
						journal.garbage(old.blob(), now);
						garbage[0] = old.blob();
					}
					return new Written(Outcome.REPLACED, nodes.find(old.id()).orElseThrow());
				}
				usage.add(space.account(), size);
				var node = new Node(UUID.randomUUID(), space.id(), space.account(), parent.id(), name, false, size, blob, type,
						Etags.random(), now, now);
				nodes.insert(node);
				return new Written(Outcome.CREATED, node);
			});
		}
		catch (DataIntegrityViolationException e) {
			// the folder went away, or another upload created the same name first: the client may retry
			throw new StorageException.ParentMissing();
		}
		if (garbage[0] != null) {
			discard(garbage[0]);
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

	/** A condition on the file as it is before a write (conditional requests). */
	@FunctionalInterface
	public interface Precondition {

		Precondition NONE = existing -> true;

		boolean holds(Optional<Node> existing);

		/** The HTTP preconditions {@code If-Match} and {@code If-None-Match} (RFC 9110 §13.1). */
		static Precondition fromHeaders(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
			if (ifMatch == null && ifNoneMatch == null) {
				return NONE;
			}
			return existing -> (ifMatch == null || matches(ifMatch, existing))
					&& (ifNoneMatch == null || !matches(ifNoneMatch, existing));
		}

		/** Whether an entity-tag list ({@code *} or quoted tags, weak ones compared weakly) matches. */
		static boolean matches(String header, Optional<Node> existing) {
			if (existing.isEmpty()) {
				return false;
			}
			if (header.trim().equals("*")) {
				return true;
			}
			String etag = "\"" + existing.get().etag() + "\"";
			for (String tag : header.split(",")) {
				String trimmed = tag.trim();
				if ((trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(etag)) {
					return true;
				}
			}
			return false;
		}
	}

	/** Creates a folder. */
	public Node createFolder(Space space, FilePath path) {
		Node parent = parentFolder(space, path);
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

	/** Moves the file or folder to the trash, from where it can be restored until it expires. */
	public void delete(Space space, Node node) {
		if (node.parent() == null) {
			throw new StorageException.Forbidden("The root of a space cannot be deleted.");
		}
		transactions.executeWithoutResult(tx -> nodes.moveToTrash(node.id(), nodes.trash(space),
				node.parent(), node.name(), clock.instant()));
	}

	/**
	 * Moves a file or folder to the trash as one item together with {@code companions}: nodes
	 * elsewhere in the space that belong to it and must go and come back with it. A vault folder's
	 * link ({@code …/name.c9r}) is stored apart from its contents ({@code d/XX/YYYY…}, one content
	 * directory per folder of the subtree); only the browser can tell which, as only it has the keys.
	 * The companions hang below the trashed item (named by their id, with their original path kept),
	 * so purging the item or letting it expire frees them too, and {@link #restore} puts each back
	 * at its path. The trash lists only the item.
	 *
	 * @return the trashed item
	 * @throws StorageException.Forbidden when a companion is the root, the item, inside it or around
	 *         it, or inside another companion
	 */
	public Node deleteWithCompanions(Space space, FilePath path, List<FilePath> companions) {
		if (path.isRoot()) {
			throw new StorageException.Forbidden("The root of a space cannot be deleted.");
		}
		for (FilePath companion : companions) {
			if (companion.isRoot() || companion.contains(path) || path.contains(companion)) {
				throw new StorageException.Forbidden("A companion must lie outside the deleted item.");
			}
			if (companion.joined().length() > 255) {
				throw new StorageException.Forbidden("A companion's path is too long.");
			}
			for (FilePath other : companions) {
				if (other != companion && other.contains(companion)) {
					throw new StorageException.Forbidden("Companions must not overlap.");
				}
			}
		}
		return transactions.execute(tx -> {
			Node node = resolve(space, path).flatMap(n -> nodes.findForUpdate(n.id()))
				.orElseThrow(() -> new io.kluis.shared.web.NotFoundException("file"));
			Instant now = clock.instant();
			nodes.moveToTrash(node.id(), nodes.trash(space), node.parent(), node.name(), now);
			for (FilePath companion : companions) {
				Node member = resolve(space, companion).flatMap(n -> nodes.findForUpdate(n.id()))
					.orElseThrow(() -> new io.kluis.shared.web.NotFoundException("companion"));
				nodes.moveToTrash(member.id(), node, member.parent(), companion.joined(), now);
			}
			return nodes.find(node.id()).orElseThrow();
		});
	}

	/**
	 * Moves (within the customer's spaces) and renames. An existing destination goes to the trash
	 * when {@code overwrite} is set.
	 *
	 * @throws StorageException.AlreadyExists when the destination exists and may not be overwritten
	 */
	public Outcome move(Space source, Node node, Space target, FilePath to, boolean overwrite) {
		if (node.parent() == null) {
			throw new StorageException.Forbidden("The root of a space cannot be moved.");
		}
		Node parent = parentFolder(target, to);
		if (nodes.ancestry(parent.id()).contains(node.id())) {
			throw new StorageException.Forbidden("A folder cannot be moved into itself.");
		}
		return transactions.execute(tx -> {
			Outcome outcome = clearDestination(target, parent, to.name(), node.id(), overwrite);
			nodes.relocate(node.id(), parent, to.name());
			if (!source.id().equals(target.id())) {
				nodes.changeSpace(nodes.subtree(node.id()).stream().map(Node::id).toList(), target.id());
			}
			return outcome;
		});
	}

	/**
	 * Copies a file, or a folder with ({@code recursive}) or without its contents. Copies share the
	 * original's blobs; they count against the quota like any file.
	 */
	public Outcome copy(Node node, Space target, FilePath to, boolean overwrite, boolean recursive) {
		Node parent = parentFolder(target, to);
		if (node.collection() && nodes.ancestry(parent.id()).contains(node.id())) {
			throw new StorageException.Forbidden("A folder cannot be copied into itself.");
		}
		return transactions.execute(tx -> {
			Outcome outcome = clearDestination(target, parent, to.name(), node.id(), overwrite);
			List<Node> originals = recursive && node.collection() ? nodes.subtree(node.id()) : List.of(node);
			nodes.lockAll(originals.stream().map(Node::id).toList());
			usage.add(target.account(), originals.stream().mapToLong(Node::size).sum());
			Instant now = clock.instant();
			Map<UUID, UUID> copies = new HashMap<>();
			long propertyBytes = 0;
			for (Node original : originals) {
				UUID id = UUID.randomUUID();
				boolean top = original.id().equals(node.id());
				copies.put(original.id(), id);
				nodes.insert(new Node(id, target.id(), target.account(), top ? parent.id() : copies.get(original.parent()),
						top ? to.name() : original.name(), original.collection(), original.size(), original.blob(),
						original.contentType(), Etags.random(), now, now));
				propertyBytes += nodes.copyProperties(original.id(), id);
			}
			usage.add(target.account(), propertyBytes); // dead properties count toward the quota too
			return outcome;
		});
	}

	private Outcome clearDestination(Space target, Node parent, String name, UUID source, boolean overwrite) {
		Optional<Node> existing = nodes.childForUpdate(parent, name);
		if (existing.isEmpty()) {
			return Outcome.CREATED;
		}
		if (existing.get().id().equals(source)) {
			throw new StorageException.Forbidden("The source and the destination are the same.");
		}
		if (!overwrite) {
			throw new StorageException.AlreadyExists();
		}
		nodes.moveToTrash(existing.get().id(), nodes.trash(target), parent.id(), name, clock.instant());
		return Outcome.REPLACED;
	}

	/** Deletes a file or folder for good (emptying the trash, erasure); frees its quota. */
	public void purge(Space space, Node node) {
		List<String> garbage = new ArrayList<>();
		transactions.executeWithoutResult(tx -> {
			List<Node> subtree = nodes.subtree(node.id());
			nodes.lockAll(subtree.stream().map(Node::id).toList());
			long propertyBytes = nodes.propertyBytes(node.id());
			nodes.delete(node.id());
			usage.add(space.account(), -subtree.stream().mapToLong(Node::size).sum() - propertyBytes);
			Instant now = clock.instant();
			subtree.stream().map(Node::blob).filter(b -> b != null).distinct().forEach(blob -> {
				if (!nodes.blobReferenced(blob)) {
					journal.garbage(blob, now);
					garbage.add(blob);
				}
			});
		});
		garbage.forEach(this::discard);
	}

	/** What erasing a space removed: files and folders in use, and items in the trash. */
	public record SpaceErased(int live, int trashed) {
	}

	/**
	 * Deletes a whole space for good: every file, folder, property and lock, the space itself, then
	 * the blobs nothing else names (erasure, RIG-3; deleting a space).
	 */
	public SpaceErased eraseSpace(Space space) {
		List<String> garbage = new ArrayList<>();
		SpaceErased erased = transactions.execute(tx -> {
			Node root = nodes.root(space);
			Node trash = nodes.trash(space);
			List<Node> live = nodes.subtree(root.id());
			List<Node> trashed = nodes.subtree(trash.id());
			long bytes = live.stream().mapToLong(Node::size).sum() + trashed.stream().mapToLong(Node::size).sum()
					+ nodes.propertyBytes(root.id()) + nodes.propertyBytes(trash.id());
			spaces.deleteRows(space);
			usage.add(space.account(), -bytes);
			Instant now = clock.instant();
			java.util.stream.Stream.concat(live.stream(), trashed.stream())
				.map(Node::blob)
				.filter(b -> b != null)
				.distinct()
				.filter(blob -> !nodes.blobReferenced(blob))
				.forEach(blob -> {
					journal.garbage(blob, now);
					garbage.add(blob);
				});
			return new SpaceErased(live.size() - 1, trashed.size() - 1);
		});
		garbage.forEach(this::discard);
		return erased;
	}

	/**
	 * Puts a trashed item back where it was. When its folder is gone it goes to the root; when the
	 * name is taken meanwhile it gets a free name with " (restored)" (and a number).
	 *
	 * @return the restored file or folder
	 * @throws io.kluis.shared.web.NotFoundException when the item is not in this space's trash
	 */
	public Node restore(Space space, UUID item) {
		Node trash = nodes.trash(space);
		return transactions.execute(tx -> {
			Node node = nodes.findForUpdate(item)
				.filter(n -> trash.id().equals(n.parent()))
				.orElseThrow(() -> new io.kluis.shared.web.NotFoundException("trashed item"));
			var trashed = nodes.trashed(item).orElseThrow();
			UUID from = nodes.trashedFrom(item);
			Node parent = from == null ? null : nodes.find(from)
				.filter(Node::collection)
				.filter(p -> nodes.ancestry(p.id()).contains(nodes.root(space).id()))
				.orElse(null);
			if (parent == null) {
				parent = nodes.root(space);
			}
			String name = freeName(parent, trashed.name());
			nodes.restore(item, parent, name);
			restoreCompanions(space, node);
			return nodes.find(node.id()).orElseThrow();
		});
	}

	/**
	 * Puts the companions trashed with {@code item} ({@link #deleteWithCompanions}) back at their
	 * paths, creating folders that are gone. A path taken meanwhile refuses the whole restore: a
	 * companion under another name would be lost to its owner (a vault finds a folder's contents by
	 * their exact path).
	 */
	private void restoreCompanions(Space space, Node item) {
		for (Node member : nodes.children(item)) {
			var trashed = nodes.trashed(member.id());
			if (trashed.isEmpty()) {
				continue; // the item's own contents
			}
			FilePath original = FilePath.ofJoined(trashed.get().name());
			Node parent = nodes.root(space);
			for (String name : original.parent().orElse(FilePath.ROOT).names()) {
				Node current = parent;
				parent = nodes.child(current, name).orElseGet(() -> {
					Instant now = clock.instant();
					var folder = new Node(UUID.randomUUID(), space.id(), space.account(), current.id(), name, true, 0, null, null,
							Etags.random(), now, now);
					nodes.insert(folder);
					return folder;
				});
				if (!parent.collection()) {
					throw new StorageException.AlreadyExists();
				}
			}
			if (nodes.child(parent, original.name()).isPresent()) {
				throw new StorageException.AlreadyExists();
			}
			nodes.restore(member.id(), parent, original.name());
		}
	}

	private String freeName(Node parent, String name) {
		if (nodes.child(parent, name).isEmpty()) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : "";
		for (int i = 1;; i++) {
			String candidate = stem + (i == 1 ? " (restored)" : " (restored " + i + ")") + extension;
			if (nodes.child(parent, candidate).isEmpty()) {
				return candidate;
			}
		}
	}

	/** What is in a space's trash: each item with when it was deleted and its name then. */
	public record TrashItem(Node node, Instant deletedAt, String originalName) {

		@Override
		public String toString() {
			return "TrashItem[" + node.id() + "]";
		}
	}

	public List<TrashItem> trashItems(Space space) {
		var items = new ArrayList<TrashItem>();
		for (Node node : nodes.children(nodes.trash(space))) {
			nodes.trashed(node.id()).ifPresent(t -> items.add(new TrashItem(node, t.at(), t.name())));
		}
		items.sort(java.util.Comparator.comparing(TrashItem::deletedAt).reversed());
		return items;
	}

	/** Deletes one trashed item for good. */
	public void purgeFromTrash(Space space, UUID item) {
		Node trash = nodes.trash(space);
		Node node = nodes.find(item)
			.filter(n -> trash.id().equals(n.parent()))
			.orElseThrow(() -> new io.kluis.shared.web.NotFoundException("trashed item"));
		purge(space, node);
	}

	/** Items in the space's trash (top level) that were deleted before {@code before}. */
	public List<Node> trashedBefore(Space space, Instant before) {
		return nodes.trashedBefore(nodes.trash(space), before);
	}

	/** The space's trash folder: its members are what was deleted. */
	public Node trash(Space space) {
		return nodes.trash(space);
	}

	/** Reads {@code length} bytes of a file from {@code offset}. */
	public InputStream open(Node file, long offset, long length) throws IOException {
		if (file.blob() == null) {
			throw new StorageException.WrongKind("A folder has no contents to read.");
		}
		String blob = file.blob();
		long from = Math.max(0, Math.min(offset, file.size()));
		long count = Math.max(0, Math.min(length, file.size() - from));
		if (SmallBlobs.isSmall(blob)) {
			var stored = smallBlobs.stored(blob);
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
	public Optional<Path> localFile(Node file) {
		return file.blob() == null || SmallBlobs.isSmall(file.blob()) || Etags.isSealed(file.blob()) ? Optional.empty()
				: blobs.localFile(file.blob());
	}

	/** Whether a blob's contents still exist, wherever they are kept (small files in the database). */
	public boolean contentsExist(String blob) throws IOException {
		return SmallBlobs.isSmall(blob) ? smallBlobs.exists(blob) : blobs.exists(blob);
	}

	/** Deletes a blob's contents, wherever they are kept. */
	void delete(String blob) throws IOException {
		if (SmallBlobs.isSmall(blob)) {
			smallBlobs.delete(blob);
		}
		else {
			blobs.delete(blob);
		}
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
