package io.kluis.storage.dav;

import io.kluis.storage.dav.IfHeader.State;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.StorageException;
import io.kluis.storage.files.StorageProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Element;

/**
 * WebDAV class 2: LOCK, UNLOCK, and the checks every modifying method makes first: the
 * {@code If} header must hold (else 412), and the client must submit the token of every lock on
 * what it changes (else 423). Locks belong to the account that took them.
 */
@Component
class DavLocking {

	private final Locks locks;

	private final FileTree tree;

	private final Spaces spaces;

	private final StorageProperties properties;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final Clock clock;

	DavLocking(Locks locks, FileTree tree, Spaces spaces, StorageProperties properties,
			TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
		this.locks = locks;
		this.tree = tree;
		this.spaces = spaces;
		this.properties = properties;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Evaluates the {@code If} header and returns the lock tokens it submits.
	 *
	 * @throws DavError 400 for a malformed header, 412 when it does not hold
	 */
	Set<String> evaluateIf(Exchange x) throws DavError {
		IfHeader header;
		try {
			header = IfHeader.parse(x.header("If"));
		}
		catch (IfHeader.Malformed e) {
			throw DavError.badRequest(e.getMessage());
		}
		if (header == null) {
			return Set.of();
		}
		Map<String, State> states = new LinkedHashMap<>();
		boolean holds = header.holds(resource -> resource == null ? state(x.space(), x.path(), x.node())
				: states.computeIfAbsent(resource, r -> tagged(x, r)));
		if (!holds) {
			throw new DavError(412, "A condition in the If header does not hold.");
		}
		return header.tokens();
	}

	private State tagged(Exchange x, String uri) {
		try {
			var target = DavPaths.parseUri(uri, x.davBase());
			if (target.isTop()) {
				return State.MISSING;
			}
			Optional<Space> space = spaces.find(x.account(), target.space());
			if (space.isEmpty()) {
				return State.MISSING;
			}
			return state(space.get(), target.path(), tree.resolve(space.get(), target.path()));
		}
		catch (DavPaths.BadPath e) {
			return State.MISSING;
		}
	}

	private State state(@Nullable Space space, FilePath path, Optional<Node> node) {
		if (space == null) {
			return State.MISSING;
		}
		Set<String> tokens = new HashSet<>();
		for (Lock lock : locks.active(space.id())) {
			if (lock.covers(path)) {
				tokens.add(lock.token());
			}
		}
		return new State(node.map(n -> "\"" + n.etag() + "\"").orElse(null), tokens);
	}

	/**
	 * Requires the tokens of the locks on what a request changes: the resource itself, its parent's
	 * member list when members are added or removed, and everything below it when it is deleted or
	 * replaced. An exclusive lock needs its own token; shared locks on one resource need one of theirs.
	 *
	 * @throws DavError 423 naming the locked resource
	 */
	void requireTokens(Exchange x, Space space, Set<String> submitted, FilePath path, boolean membership,
			boolean descendants) throws DavError {
		List<Lock> active = locks.active(space.id());
		if (active.isEmpty()) {
			return;
		}
		FilePath parent = path.parent().orElse(null);
		Map<FilePath, List<Lock>> sharedByRoot = new LinkedHashMap<>();
		for (Lock lock : active) {
			boolean applies = lock.covers(path) || (membership && lock.path().equals(parent))
					|| (descendants && path.contains(lock.path()));
			if (!applies) {
				continue;
			}
			if (lock.exclusive()) {
				if (!held(x, lock, submitted)) {
					throw DavError.locked(x.spaceBase(space) + hrefPath(lock.path()));
				}
			}
			else {
				sharedByRoot.computeIfAbsent(lock.path(), p -> new ArrayList<>()).add(lock);
			}
		}
		for (var entry : sharedByRoot.entrySet()) {
			if (entry.getValue().stream().noneMatch(lock -> held(x, lock, submitted))) {
				throw DavError.locked(x.spaceBase(space) + hrefPath(entry.getKey()));
			}
		}
	}

	private static boolean held(Exchange x, Lock lock, Set<String> submitted) {
		return submitted.contains(lock.token()) && lock.account().equals(x.account());
	}

	/** The locks that apply to a resource, for {@code DAV:lockdiscovery}. */
	List<Lock> covering(Space space, FilePath path) {
		return locks.active(space.id()).stream().filter(l -> l.covers(path)).toList();
	}

	List<Lock> active(Space space) {
		return locks.active(space.id());
	}

	/** After a move or delete, the locks on the old path are gone with the resource. */
	void released(Space space, FilePath path) {
		locks.removeAt(space.id(), path);
	}

	void lock(Exchange x) throws DavError, IOException {
		if (x.top()) {
			throw new DavError(405, "Only resources in a space can be locked.");
		}
		Space space = x.requireSpace();
		tree.requireWritable(space);
		byte[] body;
		try {
			body = DavXml.readBody(x.request().getInputStream(), x.request().getContentLengthLong());
		}
		catch (DavXml.InvalidXml e) {
			throw e.toDavError();
		}
		Set<String> submitted = evaluateIf(x);
		long timeout = timeout(x.header("Timeout"));
		if (body == null) {
			refresh(x, space, submitted, timeout);
			return;
		}
		LockRequest request = LockRequest.parse(body);
		boolean infinite = depthInfinite(x.header("Depth"));
		boolean created = false;
		if (x.node().isEmpty()) {
			requireTokens(x, space, submitted, x.path(), true, false);
			try {
				tree.write(space, x.path(), new ByteArrayInputStream(new byte[0]), 0, null, FileTree.Precondition.NONE);
			}
			catch (StorageException.ParentMissing e) {
				throw new DavError(409, e.getMessage());
			}
			created = true;
		}
		var lock = new Lock(Locks.newToken(), space.id(), x.path(), infinite, request.exclusive(), request.ownerXml(),
				x.account(), timeout, clock.instant().plusSeconds(timeout));
		boolean granted = Boolean.TRUE.equals(transactions.execute(tx -> {
			// one lock decision at a time per space, on every node of a cluster
			jdbc.sql("select id from storage_spaces where id = ? for update").param(space.id()).query(Object.class).list();
			for (Lock existing : locks.active(space.id())) {
				if (existing.overlaps(lock.path(), lock.infinite()) && (existing.exclusive() || lock.exclusive())) {
					return false;
				}
			}
			locks.create(lock);
			return true;
		}));
		if (!granted) {
			throw new DavError(423, "The resource is already locked.", "no-conflicting-lock", null);
		}
		x.response().setStatus(created ? 201 : 200);
		x.response().setHeader("Lock-Token", "<" + lock.token() + ">");
		writeLockBody(x, space, lock);
	}

	private void refresh(Exchange x, Space space, Set<String> submitted, long timeout) throws DavError, IOException {
		if (submitted.isEmpty()) {
			throw DavError.badRequest("A lock refresh needs the lock token in the If header.");
		}
		Lock lock = locks.active(space.id())
			.stream()
			.filter(l -> submitted.contains(l.token()) && l.covers(x.path()) && l.account().equals(x.account()))
			.findFirst()
			.orElseThrow(() -> new DavError(412, "No lock with that token applies to this resource.",
					"lock-token-matches-request-uri", null));
		Lock refreshed = locks.refresh(lock, timeout);
		x.response().setStatus(200);
		writeLockBody(x, space, refreshed);
	}

	private static void writeLockBody(Exchange x, Space space, Lock lock) throws IOException {
		x.response().setContentType("application/xml;charset=utf-8");
		Writer out = x.response().getWriter();
		out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:prop xmlns:D=\"DAV:\"><D:lockdiscovery>");
		out.write(PropertyWriter.activeLock(lock, x.spaceBase(space)));
		out.write("</D:lockdiscovery></D:prop>\n");
	}

	void unlock(Exchange x) throws DavError {
		Space space = x.requireSpace();
		String header = x.header("Lock-Token");
		if (header == null || header.isBlank()) {
			throw DavError.badRequest("UNLOCK needs a Lock-Token header.");
		}
		String token = header.trim();
		if (token.startsWith("<") && token.endsWith(">")) {
			token = token.substring(1, token.length() - 1);
		}
		Lock lock = locks.find(space.id(), token)
			.filter(l -> l.covers(x.path()))
			.orElseThrow(() -> new DavError(409, "No lock with that token applies to this resource.",
					"lock-token-matches-request-uri", null));
		if (!lock.account().equals(x.account())) {
			throw new DavError(403, "The lock belongs to someone else.");
		}
		locks.remove(lock.token());
		x.response().setStatus(204);
	}

	private long timeout(@Nullable String header) {
		long max = properties.maxLockTimeout().toSeconds();
		if (header == null) {
			return max;
		}
		for (String part : header.split(",")) {
			String value = part.trim();
			if (value.equalsIgnoreCase("Infinite")) {
				return max;
			}
			if (value.regionMatches(true, 0, "Second-", 0, 7)) {
				try {
					long seconds = Long.parseLong(value.substring(7));
					if (seconds > 0) {
						return Math.min(seconds, max);
					}
				}
				catch (NumberFormatException e) {
					// try the next alternative
				}
			}
		}
		return max;
	}

	static boolean depthInfinite(@Nullable String depth) throws DavError {
		if (depth == null || depth.equalsIgnoreCase("infinity")) {
			return true;
		}
		if (depth.equals("0")) {
			return false;
		}
		throw DavError.badRequest("Depth must be 0 or infinity here.");
	}

	static String hrefPath(FilePath path) {
		var out = new StringBuilder();
		for (String name : path.names()) {
			out.append('/');
			DavPaths.encode(name, out);
		}
		return out.toString();
	}

	/** A LOCK body: scope and owner. */
	record LockRequest(boolean exclusive, @Nullable String ownerXml) {

		static LockRequest parse(byte[] body) throws DavError {
			Element root;
			try {
				root = DavXml.parse(body).getDocumentElement();
			}
			catch (DavXml.InvalidXml e) {
				throw DavError.badRequest(e.getMessage());
			}
			if (!DavXml.is(root, DavXml.DAV, "lockinfo")) {
				throw DavError.badRequest("A LOCK body must be a DAV:lockinfo element.");
			}
			Element scope = DavXml.child(root, DavXml.DAV, "lockscope");
			Element type = DavXml.child(root, DavXml.DAV, "locktype");
			if (scope == null || type == null || DavXml.child(type, DavXml.DAV, "write") == null) {
				throw DavError.badRequest("A lock needs a DAV:lockscope and a DAV:locktype of DAV:write.");
			}
			boolean exclusive = DavXml.child(scope, DavXml.DAV, "exclusive") != null;
			if (!exclusive && DavXml.child(scope, DavXml.DAV, "shared") == null) {
				throw DavError.badRequest("The lock scope must be DAV:exclusive or DAV:shared.");
			}
			Element owner = DavXml.child(root, DavXml.DAV, "owner");
			return new LockRequest(exclusive, owner == null ? null : contents(owner));
		}

		private static @Nullable String contents(Element owner) throws DavError {
			var out = new StringBuilder();
			for (org.w3c.dom.Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (n instanceof Element element) {
					out.append(DavXml.serialize(element));
				}
				else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE
						|| n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
					out.append(DavXml.escapeText(n.getNodeValue()));
				}
			}
			if (out.length() > 4000) {
				throw DavError.badRequest("The lock owner is longer than 4000 characters.");
			}
			return out.toString().getBytes(StandardCharsets.UTF_8).length == 0 ? null : out.toString();
		}
	}
}
