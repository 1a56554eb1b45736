package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import io.kluis.storage.dav.DavPaths.Target;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One WebDAV request as the handlers see it: who asks, the space and path addressed, and (resolved
 * lazily) the node there.
 *
 * @param davBase the context path plus {@code /dav}, without a trailing slash
 * @param space the addressed space, or {@code null} for {@code /dav/} or a space that does not exist
 */
record Exchange(HttpServletRequest request, HttpServletResponse response, AccountId account, String davBase,
		Target target, @Nullable Space space, Optional<Node> node) {

	FilePath path() {
		return target.path();
	}

	/** Whether the address is {@code /dav/} itself. */
	boolean top() {
		return target.isTop();
	}

	Space requireSpace() throws DavError {
		if (space == null) {
			throw DavError.notFound();
		}
		return space;
	}

	Node requireNode() throws DavError {
		return node.orElseThrow(DavError::notFound);
	}

	String spaceBase(Space space) {
		return DavPaths.href(davBase, space.name(), java.util.List.of(), false);
	}

	@Nullable String header(String name) {
		return request.getHeader(name);
	}
}
