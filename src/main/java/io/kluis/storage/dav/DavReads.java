package io.kluis.storage.dav;

import io.kluis.storage.content.UserContentHeaders;
import io.kluis.storage.dav.PropfindRequest.Kind;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.StorageProperties;
import io.kluis.storage.files.Usage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The WebDAV methods that only read: OPTIONS, GET, HEAD, PROPFIND. */
@Component
class DavReads {

	static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, COPY, MOVE, PROPFIND, PROPPATCH, LOCK, UNLOCK";

	private static final int BUFFER = 64 * 1024;

	/** Below this size Tomcat would not use sendfile anyway (its sendfileSize default is 48 KiB). */
	private static final long SENDFILE_MIN = 48 * 1024;

	private final FileTree tree;

	private final Spaces spaces;

	private final Usage usage;

	private final DavLocking locking;

	private final DeadProperties properties;

	private final StorageProperties storage;

	private final Clock clock;

	private final Downloads downloads;

	DavReads(FileTree tree, Spaces spaces, Usage usage, DavLocking locking, DeadProperties properties,
			StorageProperties storage, Clock clock, Downloads downloads) {
		this.downloads = downloads;
		this.tree = tree;
		this.spaces = spaces;
		this.usage = usage;
		this.locking = locking;
		this.properties = properties;
		this.storage = storage;
		this.clock = clock;
	}

	void options(Exchange x) {
		HttpServletResponse response = x.response();
		response.setHeader("DAV", "1, 2");
		response.setHeader("MS-Author-Via", "DAV");
		response.setHeader("Allow", ALLOW);
		response.setContentLength(0);
		response.setStatus(200);
	}

	void get(Exchange x, boolean head) throws DavError, IOException {
		if (x.top()) {
			listing(x, head, DavResource.top(x.davBase(), clock.instant()), topMembers(x));
			return;
		}
		Space space = x.requireSpace();
		Node node = x.requireNode();
		if (node.collection()) {
			List<Entry> members = new ArrayList<>();
			for (Node child : tree.children(node)) {
				members.add(new Entry(DavResource.of(x.davBase(), space, x.path().child(child.name()).names(), child)));
			}
			listing(x, head, DavResource.of(x.davBase(), space, x.path().names(), node), members);
			return;
		}
		file(x, space, node, head);
	}

	private record Entry(DavResource resource) {
	}

	private List<Entry> topMembers(Exchange x) {
		var members = new ArrayList<Entry>();
		for (Space space : spaces.list(x.account())) {
			Node root = tree.resolve(space, FilePath.ROOT).orElseThrow();
			members.add(new Entry(DavResource.of(x.davBase(), space, List.of(), root)));
		}
		return members;
	}

	/** A plain HTML index of a folder, for a browser pointed at a WebDAV address. */
	private static void listing(Exchange x, boolean head, DavResource folder, List<Entry> members) throws IOException {
		HttpServletResponse response = x.response();
		response.setStatus(200);
		response.setContentType("text/html;charset=utf-8");
		response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
		response.setHeader("Cache-Control", "no-store");
		if (head) {
			return;
		}
		Writer out = response.getWriter();
		out.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
		out.write(DavXml.escapeText(folder.displayName()));
		out.write("</title></head><body><ul>");
		for (Entry entry : members) {
			DavResource member = entry.resource();
			out.write("<li><a href=\"" + DavXml.escapeAttribute(member.href()) + "\">"
					+ DavXml.escapeText(member.displayName()) + (member.collection() ? "/" : "") + "</a></li>");
		}
		out.write("</ul></body></html>");
	}

	private void file(Exchange x, Space space, Node node, boolean head) throws DavError, IOException {
		HttpServletResponse response = x.response();
		var condition = Conditions.forRead(node, x.header("If-Match"), x.header("If-None-Match"),
				x.header("If-Modified-Since"), x.header("If-Unmodified-Since"));
		response.setHeader("ETag", "\"" + node.etag() + "\"");
		response.setHeader("Last-Modified", PropertyWriter.httpDate(node.modifiedAt()));
		if (condition == Conditions.Read.FAILED) {
			throw new DavError(412, "The file does not match the request's conditions.");
		}
		if (condition == Conditions.Read.NOT_MODIFIED) {
			response.setStatus(304);
			return;
		}
		long size = node.size();
		long start = 0;
		long end = size;
		ByteRange range = Conditions.rangeStillValid(node, x.header("If-Range")) ? ByteRange.parse(x.header("Range"), size)
				: null;
		response.setHeader("Accept-Ranges", "bytes");
		if (range == ByteRange.UNSATISFIABLE) {
			response.setHeader("Content-Range", "bytes */" + size);
			throw new DavError(416, "The requested range lies outside the file.");
		}
		if (range != null) {
			start = range.start();
			end = range.end();
			response.setStatus(206);
			response.setHeader("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + size);
		}
		else {
			response.setStatus(200);
		}
		String type = space.kind() == SpaceKind.VAULT || node.contentType() == null ? "application/octet-stream"
				: node.contentType();
		UserContentHeaders.headers(response, node.name(), type);
		response.setHeader("Cache-Control", "private, no-cache");
		response.setContentLengthLong(end - start);
		if (head || end == start) {
			return;
		}
		Optional<Path> local = tree.localFile(node);
		if (local.isPresent() && end - start >= SENDFILE_MIN
				&& Boolean.TRUE.equals(x.request().getAttribute("org.apache.tomcat.sendfile.support"))) {
			x.request().setAttribute("org.apache.tomcat.sendfile.filename", local.get().toString());
			x.request().setAttribute("org.apache.tomcat.sendfile.start", start);
			x.request().setAttribute("org.apache.tomcat.sendfile.end", end);
			return;
		}
		downloads.send(response, tree.open(node, start, end - start), end - start);
	}


	void propfind(Exchange x) throws DavError, IOException {
		String depthHeader = x.header("Depth");
		int depth = depthHeader == null || depthHeader.equalsIgnoreCase("infinity") ? Integer.MAX_VALUE
				: switch (depthHeader) {
					case "0" -> 0;
					case "1" -> 1;
					default -> throw DavError.badRequest("Depth must be 0, 1 or infinity.");
				};
		PropfindRequest request;
		try {
			request = PropfindRequest.parse(DavXml.readBody(x.request().getInputStream(),
					x.request().getContentLengthLong()));
		}
		catch (DavXml.InvalidXml e) {
			throw e.toDavError();
		}
		if (x.top()) {
			multistatus(x, out -> {
				Supplier<Usage.Figures> figures = memo(() -> usage.of(x.account()));
				PropertyWriter.response(out, DavResource.top(x.davBase(), clock.instant()), request, List.of(), List.of(),
						figures);
				if (depth > 0) {
					for (Entry entry : topMembers(x)) {
						PropertyWriter.response(out, entry.resource(), request, List.of(), List.of(), figures);
					}
				}
			});
			return;
		}
		Space space = x.requireSpace();
		Node node = x.requireNode();
		if (depth == Integer.MAX_VALUE && node.collection()
				&& tree.countSubtree(node, storage.maxPropfindEntries()) > storage.maxPropfindEntries()) {
			throw new DavError(403, "This folder is too large for Depth: infinity; ask with Depth: 1.",
					"propfind-finite-depth", null);
		}
		boolean needsDead = request.kind() != Kind.SELECTED
				|| request.names().stream().anyMatch(n -> !PropertyWriter.isLive(n));
		boolean needsLocks = request.kind() != Kind.SELECTED
				|| request.names().stream().anyMatch(n -> n.isDav("lockdiscovery"));
		List<Lock> locks = needsLocks ? locking.active(space) : List.of();
		Supplier<Usage.Figures> figures = memo(() -> usage.of(space.account()));
		multistatus(x, out -> {
			write(out, x, space, x.path(), node, request, needsDead ? properties.of(node) : List.of(), locks,
					figures);
			if (depth > 0 && node.collection()) {
				members(out, x, space, x.path(), node, request, depth, needsDead, locks, figures);
			}
		});
	}

	private void members(Writer out, Exchange x, Space space, FilePath path, Node folder, PropfindRequest request,
			int depth, boolean needsDead, List<Lock> locks, Supplier<Usage.Figures> figures) throws IOException {
		Map<UUID, List<DeadProperties.Stored>> dead = needsDead ? properties.ofChildren(folder) : Map.of();
		for (Node child : tree.children(folder)) {
			FilePath childPath = path.child(child.name());
			write(out, x, space, childPath, child, request, dead.getOrDefault(child.id(), List.of()), locks, figures);
			if (depth > 1 && child.collection()) {
				members(out, x, space, childPath, child, request, depth - 1, needsDead, locks, figures);
			}
		}
	}

	private static void write(Writer out, Exchange x, Space space, FilePath path, Node node, PropfindRequest request,
			List<DeadProperties.Stored> dead, List<Lock> locks, Supplier<Usage.Figures> figures) throws IOException {
		List<Lock> covering = locks.isEmpty() ? locks : locks.stream().filter(l -> l.covers(path)).toList();
		PropertyWriter.response(out, DavResource.of(x.davBase(), space, path.names(), node), request, dead, covering,
				figures);
	}

	private interface Body {

		void write(Writer out) throws IOException;
	}

	private static void multistatus(Exchange x, Body body) throws IOException {
		HttpServletResponse response = x.response();
		response.setStatus(207);
		response.setContentType("application/xml;charset=utf-8");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				BUFFER);
		PropertyWriter.begin(out);
		body.write(out);
		PropertyWriter.end(out);
		out.flush();
	}

	private static <T> Supplier<T> memo(Supplier<T> supplier) {
		var cache = new HashMap<String, T>(1);
		return () -> cache.computeIfAbsent("value", k -> supplier.get());
	}

	/** A single byte range; several ranges are answered with the whole file (RFC 9110 allows it). */
	record ByteRange(long start, long end) {

		static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

		static @Nullable ByteRange parse(@Nullable String header, long size) {
			if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
				return null;
			}
			String spec = header.substring(6).trim();
			int dash = spec.indexOf('-');
			if (dash < 0) {
				return null;
			}
			try {
				String first = spec.substring(0, dash).trim();
				String last = spec.substring(dash + 1).trim();
				if (first.isEmpty()) {
					long suffix = Long.parseLong(last);
					if (suffix <= 0 || size == 0) {
						return UNSATISFIABLE;
					}
					return new ByteRange(Math.max(0, size - suffix), size);
				}
				long start = Long.parseLong(first);
				long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
				if (start >= size || start < 0) {
					return UNSATISFIABLE;
				}
				if (end < start) {
					return null;
				}
				return new ByteRange(start, end + 1);
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
	}
}
