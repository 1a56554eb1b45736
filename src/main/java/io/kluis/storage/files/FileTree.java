package io.kluis.storage.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The file operations WebDAV, the web client, shares and erasure share, in one place for callers
 * outside this package; each is carried out by the class that owns it: {@link FileLookup} (paths),
 * {@link FileWrites} (writing, folders), {@link FileMoves} (move, copy), {@link Trash} (delete,
 * restore), {@link Purging} (delete for good) and {@link FileContents} (reading).
 */
@Service
public class FileTree {

	private final FileLookup lookup;

	private final FileWrites writes;

	private final FileMoves moves;

	private final Trash trash;

	private final Purging purging;

	private final FileContents contents;

	private final ReadOnlyStorage readOnly;

	FileTree(FileLookup lookup, FileWrites writes, FileMoves moves, Trash trash, Purging purging,
			FileContents contents, ReadOnlyStorage readOnly) {
		this.readOnly = readOnly;
		this.lookup = lookup;
		this.writes = writes;
		this.moves = moves;
		this.trash = trash;
		this.purging = purging;
		this.contents = contents;
	}

	/** How a write or a transfer ended: a new resource, or one that replaced another. */
	public enum Outcome {
		CREATED, REPLACED
	}

	/** The result of a write: the outcome and the file as it is now. */
	public record Written(Outcome outcome, Node node) {
	}

	/** What erasing a space removed: files and folders in use, and items in the trash. */
	public record SpaceErased(int live, int trashed) {
	}

	/** What is in a space's trash: each item with when it was deleted and its name then. */
	public record TrashItem(Node node, Instant deletedAt, String originalName) {

		@Override
		public String toString() {
			return "TrashItem[" + node.id() + "]";
		}
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

	/**
	 * Refuses a change the customer asked for while the space's storage is read-only (for changes
	 * outside this class: WebDAV locks and properties).
	 *
	 * @throws StorageException.ReadOnly saying why
	 */
	public void requireWritable(Space space) {
		readOnly.requireWritable(space.account());
	}

	public Optional<Node> resolve(Space space, FilePath path) {
		return lookup.resolve(space, path);
	}

	public List<Node> children(Node folder) {
		return lookup.children(folder);
	}

	/** How many files and folders the subtree has, counting no further than {@code limit + 1}. */
	public int countSubtree(Node folder, int limit) {
		return lookup.countSubtree(folder, limit);
	}

	/** See {@link FileWrites#write}; refused while the storage is read-only ({@link ReadOnlyStorage}). */
	public Written write(Space space, FilePath path, InputStream content, long length, @Nullable String contentType,
			Precondition precondition) {
		return writes.write(space, path, content, length, contentType, precondition);
	}

	/** Creates a folder. */
	public Node createFolder(Space space, FilePath path) {
		readOnly.requireWritable(space.account());
		return writes.createFolder(space, path);
	}

	/** Moves the file or folder to the trash, from where it can be restored until it expires. */
	public void delete(Space space, Node node) {
		readOnly.requireWritable(space.account());
		trash.delete(space, node);
	}

	/** See {@link Trash#deleteWithCompanions}. */
	public Node deleteWithCompanions(Space space, FilePath path, List<FilePath> companions) {
		readOnly.requireWritable(space.account());
		return trash.deleteWithCompanions(space, path, companions);
	}

	/** See {@link FileMoves#move}. */
	public Outcome move(Space source, Node node, Space target, FilePath to, boolean overwrite) {
		readOnly.requireWritable(source.account());
		if (!target.account().equals(source.account())) {
			readOnly.requireWritable(target.account());
		}
		return moves.move(source, node, target, to, overwrite);
	}

	/** See {@link FileMoves#copy}. */
	public Outcome copy(Node node, Space target, FilePath to, boolean overwrite, boolean recursive) {
		return moves.copy(node, target, to, overwrite, recursive);
	}

	/**
	 * Deletes a file or folder for good (the trash's expiry, erasure); frees its quota. System work:
	 * not refused while the storage is read-only, unlike {@link #purgeFromTrash}.
	 */
	public void purge(Space space, Node node) {
		purging.purge(space, node);
	}

	/** Deletes a space and everything in it for good, as its owner asked; refused while the storage is read-only. */
	public SpaceErased deleteSpace(Space space) {
		readOnly.requireWritable(space.account());
		return purging.eraseSpace(space);
	}

	/** See {@link Purging#eraseSpace} (erasure: system work, also while the storage is read-only). */
	public SpaceErased eraseSpace(Space space) {
		return purging.eraseSpace(space);
	}

	/** See {@link Trash#restore}. */
	public Node restore(Space space, UUID item) {
		readOnly.requireWritable(space.account());
		return trash.restore(space, item);
	}

	/** What is in a space's trash, the latest deleted first. */
	public List<TrashItem> trashItems(Space space) {
		return trash.items(space);
	}

	/** Deletes one trashed item for good. */
	public void purgeFromTrash(Space space, UUID item) {
		readOnly.requireWritable(space.account());
		trash.purge(space, item);
	}

	/** Items in the space's trash (top level) that were deleted before {@code before}. */
	public List<Node> trashedBefore(Space space, Instant before) {
		return trash.trashedBefore(space, before);
	}

	/** The space's trash folder: its members are what was deleted. */
	public Node trash(Space space) {
		return trash.folder(space);
	}

	/** Reads {@code length} bytes of a file from {@code offset}. */
	public InputStream open(Node file, long offset, long length) throws IOException {
		return contents.open(file, offset, length);
	}

	/** The file's contents as a local file, when the blob store keeps them so (for sendfile). */
	public Optional<Path> localFile(Node file) {
		return contents.localFile(file);
	}

	/** Whether a blob's contents still exist, wherever they are kept (small files in the database). */
	public boolean contentsExist(String blob) throws IOException {
		return contents.exist(blob);
	}
}
