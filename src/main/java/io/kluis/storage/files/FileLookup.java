package io.kluis.storage.files;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds files and folders by path: the navigation every file operation starts with. */
@Component
class FileLookup {

	private final Nodes nodes;

	FileLookup(Nodes nodes) {
		this.nodes = nodes;
	}

	Optional<Node> resolve(Space space, FilePath path) {
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

	List<Node> children(Node folder) {
		return nodes.children(folder);
	}

	/** How many files and folders the subtree has, counting no further than {@code limit + 1}. */
	int countSubtree(Node folder, int limit) {
		return nodes.countSubtree(folder.id(), limit);
	}

	/** The folder a new member at {@code path} goes into. */
	Node parentFolder(Space space, FilePath path) {
		FilePath parentPath = path.parent().orElseThrow(() -> new StorageException.Forbidden("The root cannot be changed."));
		return resolve(space, parentPath).filter(Node::collection).orElseThrow(StorageException.ParentMissing::new);
	}
}
