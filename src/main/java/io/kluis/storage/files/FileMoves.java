package io.kluis.storage.files;

import io.kluis.storage.files.FileTree.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moving and copying files and folders within a customer's spaces. An existing destination that
 * may be overwritten goes to the trash, in the same transaction.
 */
@Component
class FileMoves {

	private final FileLookup lookup;

	private final Nodes nodes;

	private final Usage usage;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FileMoves(FileLookup lookup, Nodes nodes, Usage usage, TransactionTemplate transactions, Clock clock) {
		this.lookup = lookup;
		this.nodes = nodes;
		this.usage = usage;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Moves (within the customer's spaces) and renames. An existing destination goes to the trash
	 * when {@code overwrite} is set.
	 *
	 * @throws StorageException.AlreadyExists when the destination exists and may not be overwritten
	 */
	Outcome move(Space source, Node node, Space target, FilePath to, boolean overwrite) {
		if (node.parent() == null) {
			throw new StorageException.Forbidden("The root of a space cannot be moved.");
		}
		Node parent = lookup.parentFolder(target, to);
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
	Outcome copy(Node node, Space target, FilePath to, boolean overwrite, boolean recursive) {
		Node parent = lookup.parentFolder(target, to);
		if (node.collection() && nodes.ancestry(parent.id()).contains(node.id())) {
			throw new StorageException.Forbidden("A folder cannot be copied into itself.");
		}
		return transactions.execute(tx -> {
			Outcome outcome = clearDestination(target, parent, to.name(), node.id(), overwrite);
			List<Node> originals = recursive && node.collection() ? nodes.subtree(node.id()) : List.of(node);
			nodes.lockAll(originals.stream().map(Node::id).toList());
			usage.addByCustomer(target.account(), originals.stream().mapToLong(Node::size).sum());
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
				if (original.blob() != null && SmallBlobs.isSmall(original.blob())) {
					nodes.copySmallContent(original.id(), id);
				}
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
}
