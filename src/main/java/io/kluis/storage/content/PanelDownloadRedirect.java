package io.kluis.storage.content;

import io.kluis.identity.CurrentAccount;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With a content origin configured, the panel's origin no longer sends the bytes of a file in a
 * plain (or site) space: {@code GET}/{@code HEAD /panel/dav/<space>/<file>} with the session is
 * answered with a redirect to a short-lived ticket on the content origin, which the browser follows
 * for the download. Runs after the security filters, so the session has been checked and the
 * account is known. Vault files pass through: the vault client fetches their ciphertext with the
 * session and decrypts it in the page, and ciphertext is never rendered. Folders, other methods and
 * anything unresolvable pass through to WebDAV unchanged.
 */
class PanelDownloadRedirect extends OncePerRequestFilter {

	static final String PANEL_DAV = "/panel/dav/";

	private final ContentOriginProperties properties;

	private final DownloadTickets tickets;

	private final Spaces spaces;

	private final FileTree tree;

	PanelDownloadRedirect(ContentOriginProperties properties, DownloadTickets tickets, Spaces spaces, FileTree tree) {
		this.properties = properties;
		this.tickets = tickets;
		this.spaces = spaces;
		this.tree = tree;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !properties.enabled() || !(method.equals("GET") || method.equals("HEAD"))
				|| !request.getRequestURI().startsWith(request.getContextPath() + PANEL_DAV);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Node> file = plainFile(request);
		if (file.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(303);
		response.setHeader("Location", properties.origin() + ContentOriginFilter.PREFIX + tickets.issue(file.get()));
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	private Optional<Node> plainFile(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentAccount account)) {
			return Optional.empty();
		}
		String rest = request.getRequestURI().substring((request.getContextPath() + PANEL_DAV).length());
		List<String> names = new ArrayList<>();
		for (String segment : rest.split("/")) {
			if (!segment.isEmpty()) {
				names.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		if (names.size() < 2) {
			return Optional.empty();
		}
		Optional<Space> space = spaces.find(account.id(), names.get(0)).filter(s -> s.kind() != SpaceKind.VAULT);
		if (space.isEmpty()) {
			return Optional.empty();
		}
		FilePath path;
		try {
			path = FilePath.of(names.subList(1, names.size()));
		}
		catch (RuntimeException e) {
			return Optional.empty();
		}
		return tree.resolve(space.get(), path).filter(n -> !n.collection());
	}
}
