package io.kluis.storage.files;

import io.kluis.storage.files.FileTree.SpaceErased;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting for good: a file or folder (emptying the trash, erasure) or a whole space. The rows and
 * the quota change in one transaction; the blobs nothing names any more are journalled as garbage
 * in it and deleted after it.
 */
@Component
class Purging {

	private final Nodes nodes;

	private final Spaces spaces;

	private final Usage usage;

	private final BlobJournal journal;

	private final FileContents contents;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Purging(Nodes nodes, Spaces spaces, Usage usage, BlobJournal journal, FileContents contents,
			TransactionTemplate transactions, Clock clock) {
		this.nodes = nodes;
		this.spaces = spaces;
		this.usage = usage;
		this.journal = journal;
		this.contents = contents;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Deletes a file or folder for good (emptying the trash, erasure); frees its quota. */
	void purge(Space space, Node node) {
		List<String> garbage = new ArrayList<>();
		transactions.executeWithoutResult(tx -> {
			List<Node> subtree = nodes.subtree(node.id());
			nodes.lockAll(subtree.stream().map(Node::id).toList());
			long propertyBytes = nodes.propertyBytes(node.id());
			nodes.delete(node.id());
			usage.add(space.account(), -subtree.stream().mapToLong(Node::size).sum() - propertyBytes);
			Instant now = clock.instant();
			subtree.stream().map(Node::blob).filter(b -> b != null && !SmallBlobs.isSmall(b)).distinct().forEach(blob -> {
				// (a small file's contents went with its row)
				if (!nodes.blobReferenced(blob)) {
					journal.garbage(blob, now);
					garbage.add(blob);
				}
			});
		});
		garbage.forEach(contents::discard);
	}

	/**
	 * Deletes a whole space for good: every file, folder, property and lock, the space itself, then
	 * the blobs nothing else names (erasure, RIG-3; deleting a space).
	 */
	SpaceErased eraseSpace(Space space) {
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
			Stream.concat(live.stream(), trashed.stream())
				.map(Node::blob)
				.filter(b -> b != null && !SmallBlobs.isSmall(b)) // a small file's contents went with its row
				.distinct()
				.filter(blob -> !nodes.blobReferenced(blob))
				.forEach(blob -> {
					journal.garbage(blob, now);
					garbage.add(blob);
				});
			return new SpaceErased(live.size() - 1, trashed.size() - 1);
		});
		garbage.forEach(contents::discard);
		return erased;
	}
}
