package io.kluis.storage.files;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds files and folders by path: the navigation every file operation starts with. */
@Component
class FileLookup {

	private final Nodes nodes;

	private final AtRest atRest;

	FileLookup(Nodes nodes, AtRest atRest) {
		this.nodes = nodes;
		this.atRest = atRest;
	}

	/**
	 * The node at {@code path}: one statement for the whole path ({@link Nodes#atPath}) once every
	 * name is sealed, else (rows from before sealing may remain, or a very deep path) one look-up
	 * per name, which also finds plain names.
	 */
	Optional<Node> resolve(Space space, FilePath path) {
		List<String> names = path.names();
		if (!names.isEmpty() && names.size() <= Nodes.MAX_JOINED_DEPTH && !atRest.plainNamesMayRemain()) {
			return nodes.atPath(space, names);
		}
		Node node = nodes.root(space);
		for (String name : names) {
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

	List<Node> children(Node folder) {
		return nodes.children(folder);
	}

	/** How many files and folders the subtree has, counting no further than {@code limit + 1}. */
	int countSubtree(Node folder, int limit) {
		return nodes.countSubtree(folder.id(), limit);
	}

	/**
	 * The folder a member at {@code path} goes into and the member as it is now, by one statement
	 * ({@link Nodes#folderAndMember}); empty when that cannot be done (rows from before sealing may
	 * remain, or a very deep path): then the caller looks them up one by one.
	 *
	 * @throws StorageException.ParentMissing when there is no such folder
	 */
	Optional<Nodes.Member> folderAndMember(Space space, FilePath path) {
		FilePath parentPath = path.parent().orElseThrow(() -> new StorageException.Forbidden("The root cannot be changed."));
		if (parentPath.names().size() > Nodes.MAX_JOINED_DEPTH || atRest.plainNamesMayRemain()) {
			return Optional.empty();
		}
		return Optional.of(nodes.folderAndMember(space, parentPath.names(), path.name())
			.orElseThrow(StorageException.ParentMissing::new));
	}

	/** The folder a new member at {@code path} goes into. */
	Node parentFolder(Space space, FilePath path) {
		FilePath parentPath = path.parent().orElseThrow(() -> new StorageException.Forbidden("The root cannot be changed."));
		return resolve(space, parentPath).filter(Node::collection).orElseThrow(StorageException.ParentMissing::new);
	}
}
