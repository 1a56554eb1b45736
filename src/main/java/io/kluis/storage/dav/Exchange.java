package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import io.kluis.storage.dav.DavPaths.Target;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One WebDAV request as the handlers see it: who asks, the space and path addressed, and (resolved
 * lazily) the node there.
 *
 * @param davBase the context path plus {@code /dav}, without a trailing slash
 * @param space the addressed space, or {@code null} for {@code /dav/} or a space that does not exist
 */
record Exchange(HttpServletRequest request, HttpServletResponse response, AccountId account, String davBase,
		Target target, @Nullable Space space, Lookup lookup) {

	/**
	 * The node at the address, looked up on first use: a PUT of a new file needs none (its write
	 * looks up the folder), so it costs no look-up of its own.
	 */
	static final class Lookup {

		private final Supplier<Optional<Node>> resolver;

		private @Nullable Optional<Node> node;

		Lookup(Supplier<Optional<Node>> resolver) {
			this.resolver = resolver;
		}

		Optional<Node> get() {
			if (node == null) {
				node = resolver.get();
			}
			return node;
		}
	}

	/** The node at the address (looked up once, on first use). */
	Optional<Node> node() {
		return lookup.get();
	}

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
		return node().orElseThrow(DavError::notFound);
	}

	String spaceBase(Space space) {
		return DavPaths.href(davBase, space.name(), java.util.List.of(), false);
	}

	@Nullable String header(String name) {
		return request.getHeader(name);
	}
}
