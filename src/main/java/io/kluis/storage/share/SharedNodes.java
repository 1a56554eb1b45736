package io.kluis.storage.share;

import io.kluis.storage.files.Node;
import io.kluis.storage.files.Nodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where a node stands in its space's tree, as sharing needs it: whether it is live (under the root,
 * not in the trash), whether it lies inside a shared folder, and its path. Walks up parent by parent:
 * trees are shallow, and only a link's own requests pay for it.
 */
@Component
class SharedNodes {

	private static final int MAX_DEPTH = 512;

	private final Nodes nodes;

	SharedNodes(Nodes nodes) {
		this.nodes = nodes;
	}

	/** The node's ancestors from its parent up to the top folder (root or trash), or empty for a missing node. */
	private Optional<List<Node>> upwards(UUID id) {
		Optional<Node> node = nodes.find(id);
		if (node.isEmpty()) {
			return Optional.empty();
		}
		var chain = new ArrayList<Node>();
		chain.add(node.get());
		Node at = node.get();
		while (at.parent() != null && chain.size() < MAX_DEPTH) {
			Optional<Node> parent = nodes.find(at.parent());
			if (parent.isEmpty()) {
				return Optional.empty();
			}
			at = parent.get();
			chain.add(at);
		}
		return Optional.of(chain);
	}

	/** The node, when it exists in the space and is not in the trash. */
	Optional<Node> live(UUID space, UUID id) {
		return upwards(id).filter(chain -> isUnderRoot(chain) && chain.get(0).space().equals(space))
			.map(chain -> chain.get(0));
	}

	/** The node, when it is live and is {@code top} or lies below it. */
	Optional<Node> inside(UUID space, UUID top, UUID id) {
		return upwards(id).filter(chain -> isUnderRoot(chain) && chain.get(0).space().equals(space)
				&& chain.stream().anyMatch(n -> n.id().equals(top)))
			.map(chain -> chain.get(0));
	}

	/** The names from the space's root down to the node (empty for the root). */
	List<String> path(UUID id) {
		List<Node> chain = upwards(id).orElse(List.of());
		var names = new ArrayList<String>();
		for (Node node : chain) {
			if (node.parent() != null) {
				names.add(node.name());
			}
		}
		Collections.reverse(names);
		return names;
	}

	/** Under the root ({@code name ""}), not the trash ({@code ".trash"}). */
	private static boolean isUnderRoot(List<Node> chain) {
		Node top = chain.get(chain.size() - 1);
		return top.parent() == null && top.name().isEmpty();
	}
}
