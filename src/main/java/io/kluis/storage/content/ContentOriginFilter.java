package io.kluis.storage.content;

import io.kluis.storage.content.DownloadTickets.Ticket;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Nodes;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The content origin's whole surface, in front of everything else (the security filters, sessions,
 * the panel): {@code GET /content/<ticket>} sends the one file the ticket names, {@code /dav/} is
 * passed on for WebDAV clients (HTTP Basic, no session), and everything else is 404. Nothing here
 * reads or creates a session or sets a cookie, so a script that somehow ran on this origin would
 * find no session to use. Requests to the panel's origin pass untouched.
 */
class ContentOriginFilter extends OncePerRequestFilter {

	static final String PREFIX = "/content/";

	private final ContentOriginProperties properties;

	private final DownloadTickets tickets;

	private final Spaces spaces;

	private final Nodes nodes;

	private final FileTree tree;

	private final Downloads downloads;

	/** Tomcat's response buffer sets the size of each write to the socket. */

	ContentOriginFilter(ContentOriginProperties properties, DownloadTickets tickets, Spaces spaces, Nodes nodes,
			FileTree tree, Downloads downloads) {
		this.downloads = downloads;
		this.properties = properties;
		this.tickets = tickets;
		this.spaces = spaces;
		this.nodes = nodes;
		this.tree = tree;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !properties.isContentOrigin(request.getServerName(), request.getServerPort());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/dav") || path.startsWith("/dav/")) {
			chain.doFilter(request, response);
			return;
		}
		boolean head = request.getMethod().equals("HEAD");
		if (!path.startsWith(PREFIX) || !(head || request.getMethod().equals("GET"))) {
			notFound(response);
			return;
		}
		Optional<Node> file = tickets.redeem(path.substring(PREFIX.length())).flatMap(this::file);
		if (file.isEmpty()) {
			notFound(response);
			return;
		}
		Node node = file.get();
		response.setStatus(200);
		UserContentHeaders.apply(response, node.name(),
				node.contentType() == null ? "application/octet-stream" : node.contentType());
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		response.setContentLengthLong(node.size());
		if (head) {
			return;
		}
		downloads.send(response, tree.open(node, 0, node.size()), node.size());
	}

	/** The ticket's file, if it is still that version, in a space that is not a vault. */
	private Optional<Node> file(Ticket ticket) {
		return nodes.find(ticket.node())
			.filter(n -> !n.collection() && n.space().equals(ticket.space()) && n.etag().equals(ticket.etag()))
			.filter(n -> spaces.find(n.space()).filter(s -> s.kind() != SpaceKind.VAULT).isPresent());
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(404);
		response.setHeader("Content-Security-Policy", "default-src 'none'");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("application/problem+json");
		response.getWriter().write("{\"type\":\"about:blank\",\"status\":404,\"detail\":\"Nothing is served here.\"}");
	}
}
