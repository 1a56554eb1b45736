package io.kluis.storage.dav;

import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resource as WebDAV shows it: {@code /dav/} itself (top), a space's root, or a file or folder.
 *
 * @param base the href of the space without a trailing slash ({@code /dav/vault}), for lock roots
 */
record DavResource(String href, String base, boolean top, @Nullable Node node, boolean collection,
		String displayName, Instant created, Instant modified, String etag, long size,
		@Nullable String contentType) {

	static DavResource top(String davBase, Instant now) {
		return new DavResource(davBase + "/", davBase, true, null, true, "", now, now, "top", 0, null);
	}

	static DavResource of(String davBase, Space space, List<String> names, Node node) {
		String display = names.isEmpty() ? space.name() : names.get(names.size() - 1);
		return new DavResource(DavPaths.href(davBase, space.name(), names, node.collection()),
				DavPaths.href(davBase, space.name(), List.of(), false), false, node, node.collection(), display,
				node.createdAt(), node.modifiedAt(), node.etag(), node.size(), node.contentType());
	}

	String quotedEtag() {
		return "\"" + etag + "\"";
	}

	@Override
	public String toString() {
		return "DavResource[collection=" + collection + "]";
	}
}
