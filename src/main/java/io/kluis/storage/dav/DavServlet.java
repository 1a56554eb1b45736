package io.kluis.storage.dav;

import io.kluis.identity.CurrentAccount;
import io.kluis.storage.dav.DavPaths.Target;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.InvalidNameException;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.StorageErrors;
import io.kluis.storage.files.StorageException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * WebDAV at {@code /dav/}: {@code /dav/} lists the customer's spaces, {@code /dav/<space>/...}
 * addresses files and folders in one. Authentication happens in the security filter chains before a
 * request gets here: HTTP Basic with an app password at {@code /dav/} (WebDAV clients), the browser
 * session with a CSRF token at {@code /panel/dav/} (the web file manager and vault client, which
 * speak the same protocol as the Cryptomator apps). Errors are answered with their status and a
 * problem document (or a {@code DAV:error} for pre- and postconditions), never a stack trace.
 */
public class DavServlet extends HttpServlet {

	private static final Logger log = LoggerFactory.getLogger(DavServlet.class);

	private final transient Spaces spaces;

	private final transient FileTree tree;

	private final transient DavReads reads;

	private final transient DavWrites writes;

	private final transient DavLocking locking;

	DavServlet(Spaces spaces, FileTree tree, DavReads reads, DavWrites writes, DavLocking locking) {
		this.spaces = spaces;
		this.tree = tree;
		this.reads = reads;
		this.writes = writes;
		this.locking = locking;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		try {
			Exchange x = exchange(request, response);
			switch (method) {
				case "OPTIONS" -> reads.options(x);
				case "GET" -> reads.get(x, false);
				case "HEAD" -> reads.get(x, true);
				case "PROPFIND" -> reads.propfind(x);
				case "PUT" -> writes.put(x);
				case "DELETE" -> writes.delete(x);
				case "MKCOL" -> writes.mkcol(x);
				case "COPY" -> writes.copyOrMove(x, false);
				case "MOVE" -> writes.copyOrMove(x, true);
				case "PROPPATCH" -> writes.proppatch(x);
				case "LOCK" -> locking.lock(x);
				case "UNLOCK" -> locking.unlock(x);
				default -> {
					response.setHeader("Allow", DavReads.ALLOW);
					throw new DavError(405, "WebDAV does not know this method.");
				}
			}
		}
		catch (DavError e) {
			error(request, response, e.status(), e.getMessage(), e.condition(), e.conditionBody());
		}
		catch (InvalidNameException e) {
			error(request, response, 400, e.getMessage(), null, null);
		}
		catch (StorageException e) {
			error(request, response, StorageErrors.of(e).davStatus(method), e.getMessage(), null, null);
		}
		catch (ClientAbortException e) {
			// the client went away; nothing to answer
		}
		catch (UncheckedIOException e) {
			String id = UUID.randomUUID().toString();
			log.warn("event=storage.dav.io-error errorId={} method={} type={}", id, method,
					e.getCause().getClass().getSimpleName());
			error(request, response, 507, "The file could not be stored (error " + id + ").", null, null);
		}
	}

	private Exchange exchange(HttpServletRequest request, HttpServletResponse response) throws DavError {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentAccount account)) {
			throw new DavError(401, "Authenticate with your email address and an app password.");
		}
		String davBase = request.getContextPath() + request.getServletPath();
		Target target;
		try {
			target = DavPaths.parse(request.getRequestURI(), davBase);
		}
		catch (DavPaths.BadPath e) {
			throw DavError.badRequest(e.getMessage());
		}
		Space space = target.isTop() ? null : spaces.find(account.id(), target.space()).orElse(null);
		var node = new Exchange.Lookup(() -> space == null ? Optional.empty() : tree.resolve(space, target.path()));
		return new Exchange(request, response, account.id(), davBase, target, space, node);
	}

	private static void error(HttpServletRequest request, HttpServletResponse response, int status, String message,
			String condition, String conditionBody) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Kluis\", charset=\"UTF-8\"");
		}
		if ("HEAD".equals(request.getMethod()) || status == 304) {
			return;
		}
		if (condition != null) {
			response.setContentType("application/xml;charset=utf-8");
			response.getWriter()
				.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:" + condition
						+ (conditionBody == null ? "/>" : ">" + conditionBody + "</D:" + condition + ">") + "</D:error>\n");
			return;
		}
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + json(message) + "\"}");
	}

	private static String json(String text) {
		var out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
