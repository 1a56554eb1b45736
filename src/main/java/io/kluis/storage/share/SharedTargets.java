package io.kluis.storage.share;

import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.InvalidNameException;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What an owner may share, for links and shares to customers alike: a file or folder inside one of
 * their spaces (not the space itself), and for a vault share its encrypted manifest and the
 * ciphertext files it lists — only {@code d/…/….c9r}, never the vault's key or configuration files.
 */
@Component
class SharedTargets {

	/** The largest encrypted manifest a vault share may carry. */
	static final int MAX_MANIFEST_BYTES = 1024 * 1024;

	/** The most ciphertext files one vault share may list. */
	static final int MAX_FILES = 10_000;

	private final FileTree tree;

	SharedTargets(FileTree tree) {
		this.tree = tree;
	}

	/** The node to share: in the space, not its root. */
	Node target(Space space, @Nullable String path) {
		Node node = resolve(space, path);
		if (node.parent() == null) {
			throw new InvalidInputException("path", "Share a file or a folder inside the space, not the whole space.");
		}
		return node;
	}

	/** The ciphertext files of a vault share, checked; the manifest must be there and not too big. */
	List<UUID> vaultFiles(Space space, byte @Nullable [] manifest, @Nullable List<String> paths) {
		if (manifest == null || manifest.length == 0 || manifest.length > MAX_MANIFEST_BYTES) {
			throw new InvalidInputException("manifest",
					"A vault share needs its encrypted manifest, at most " + MAX_MANIFEST_BYTES + " bytes.");
		}
		List<String> listed = paths == null ? List.of() : paths;
		if (listed.size() > MAX_FILES) {
			throw new InvalidInputException("files", "A vault share lists at most " + MAX_FILES + " files.");
		}
		var nodes = new ArrayList<UUID>();
		for (String path : listed) {
			// Only encrypted contents: a share never serves the vault's masterkey or configuration files.
			if (path == null || !path.startsWith("d/") || !path.endsWith(".c9r")) {
				throw new InvalidInputException("files", "A vault share lists encrypted files (d/…/….c9r) only.");
			}
			Node file = resolve(space, path);
			if (file.collection()) {
				throw new InvalidInputException("files", "A vault share lists files, not folders.");
			}
			nodes.add(file.id());
		}
		return nodes;
	}

	private Node resolve(Space space, @Nullable String path) {
		if (path == null) {
			throw new InvalidInputException("path", "Say which file or folder to share.");
		}
		FilePath filePath;
		try {
			filePath = FilePath.of(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
		}
		catch (InvalidNameException e) {
			throw new InvalidInputException("path", e.getMessage());
		}
		return tree.resolve(space, filePath).orElseThrow(() -> new NotFoundException("file or folder"));
	}
}
