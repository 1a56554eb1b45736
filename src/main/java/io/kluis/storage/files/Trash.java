package io.kluis.storage.files;

import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.FileTree.TrashItem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A space's trash: deleting moves a file or folder there, from where it can be restored until it
 * expires or is purged.
 */
@Component
class Trash {

	private final FileLookup lookup;

	private final Nodes nodes;

	private final Purging purging;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Trash(FileLookup lookup, Nodes nodes, Purging purging, TransactionTemplate transactions, Clock clock) {
		this.lookup = lookup;
		this.nodes = nodes;
		this.purging = purging;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Moves the file or folder to the trash, from where it can be restored until it expires. */
	void delete(Space space, Node node) {
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
	Node deleteWithCompanions(Space space, FilePath path, List<FilePath> companions) {
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
			Node node = lookup.resolve(space, path).flatMap(n -> nodes.findForUpdate(n.id()))
				.orElseThrow(() -> new NotFoundException("file"));
			Instant now = clock.instant();
			nodes.moveToTrash(node.id(), nodes.trash(space), node.parent(), node.name(), now);
			for (FilePath companion : companions) {
				Node member = lookup.resolve(space, companion).flatMap(n -> nodes.findForUpdate(n.id()))
					.orElseThrow(() -> new NotFoundException("companion"));
				nodes.moveToTrash(member.id(), node, member.parent(), companion.joined(), now);
			}
			return nodes.find(node.id()).orElseThrow();
		});
	}

	/**
	 * Puts a trashed item back where it was. When its folder is gone it goes to the root; when the
	 * name is taken meanwhile it gets a free name with " (restored)" (and a number).
	 *
	 * @return the restored file or folder
	 * @throws NotFoundException when the item is not in this space's trash
	 */
	Node restore(Space space, UUID item) {
		Node trash = nodes.trash(space);
		return transactions.execute(tx -> {
			Node node = nodes.findForUpdate(item)
				.filter(n -> trash.id().equals(n.parent()))
				.orElseThrow(() -> new NotFoundException("trashed item"));
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

	/** What is in a space's trash, the latest deleted first. */
	List<TrashItem> items(Space space) {
		var items = new ArrayList<TrashItem>();
		for (Node node : nodes.children(nodes.trash(space))) {
			nodes.trashed(node.id()).ifPresent(t -> items.add(new TrashItem(node, t.at(), t.name())));
		}
		items.sort(Comparator.comparing(TrashItem::deletedAt).reversed());
		return items;
	}

	/** Deletes one trashed item for good. */
	void purge(Space space, UUID item) {
		Node trash = nodes.trash(space);
		Node node = nodes.find(item)
			.filter(n -> trash.id().equals(n.parent()))
			.orElseThrow(() -> new NotFoundException("trashed item"));
		purging.purge(space, node);
	}

	/** Items in the space's trash (top level) that were deleted before {@code before}. */
	List<Node> trashedBefore(Space space, Instant before) {
		return nodes.trashedBefore(nodes.trash(space), before);
	}

	/** The space's trash folder: its members are what was deleted. */
	Node folder(Space space) {
		return nodes.trash(space);
	}
}
