package io.kluis.storage.dav;

import io.kluis.storage.dav.DavPaths.Target;
import io.kluis.storage.dav.PropfindRequest.PropertyName;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.FileTree.Outcome;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.StorageException;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Element;

/** The WebDAV methods that change something: PUT, DELETE, MKCOL, COPY, MOVE, PROPPATCH. */
@Component
class DavWrites {

	private final FileTree tree;

	private final Spaces spaces;

	private final DavLocking locking;

	private final DeadProperties properties;

	private final TransactionTemplate transactions;

	private final URI baseUrl;

	DavWrites(FileTree tree, Spaces spaces, DavLocking locking, DeadProperties properties,
			TransactionTemplate transactions, @Value("${kluis.base-url}") URI baseUrl) {
		this.baseUrl = baseUrl;
		this.tree = tree;
		this.spaces = spaces;
		this.locking = locking;
		this.properties = properties;
		this.transactions = transactions;
	}

	void put(Exchange x) throws DavError, IOException {
		if (x.top() || x.path().isRoot()) {
			throw new DavError(405, "Files go inside a space.");
		}
		Space space = spaceOrConflict(x);
		// a folder at the address is refused by the write (WrongKind, 405), which looks it up anyway
		Set<String> submitted = locking.evaluateIf(x);
		locking.requireTokens(x, space, submitted, x.path(), true, false);
		FileTree.Precondition precondition = FileTree.Precondition.fromHeaders(x.header("If-Match"), x.header("If-None-Match"));
		var written = tree.write(space, x.path(), x.request().getInputStream(), x.request().getContentLengthLong(),
				x.request().getContentType(), precondition);
		x.response().setStatus(written.outcome() == Outcome.CREATED ? 201 : 204);
		x.response().setHeader("ETag", "\"" + written.node().etag() + "\"");
	}

	void delete(Exchange x) throws DavError {
		if (x.top() || x.path().isRoot()) {
			throw new DavError(403, "Spaces are deleted in the panel, not over WebDAV.");
		}
		Space space = x.requireSpace();
		Node node = x.requireNode();
		Set<String> submitted = locking.evaluateIf(x);
		locking.requireTokens(x, space, submitted, x.path(), true, true);
		tree.delete(space, node);
		locking.released(space, x.path());
		x.response().setStatus(204);
	}

	void mkcol(Exchange x) throws DavError, IOException {
		if (x.request().getContentLengthLong() > 0 || x.header("Transfer-Encoding") != null) {
			throw new DavError(415, "MKCOL takes no body.");
		}
		if (x.top()) {
			throw new DavError(405, "This address exists.");
		}
		if (x.path().isRoot()) {
			createSpace(x);
			return;
		}
		Space space = spaceOrConflict(x);
		if (x.node().isPresent()) {
			throw new DavError(405, "Something exists at this address.");
		}
		Set<String> submitted = locking.evaluateIf(x);
		locking.requireTokens(x, space, submitted, x.path(), true, false);
		tree.createFolder(space, x.path());
		x.response().setStatus(201);
	}

	/** {@code MKCOL /dav/<name>/} creates a plain space, so WebDAV clients can organise themselves. */
	private void createSpace(Exchange x) throws DavError {
		if (x.space() != null) {
			throw new DavError(405, "This space exists.");
		}
		try {
			spaces.create(x.account(), x.target().space(), SpaceKind.PLAIN);
		}
		catch (StorageException.AlreadyExists e) {
			throw new DavError(405, "This space exists.");
		}
		x.response().setStatus(201);
	}

	void copyOrMove(Exchange x, boolean move) throws DavError {
		if (x.top() || x.path().isRoot()) {
			throw new DavError(403, move ? "A space cannot be moved." : "A whole space cannot be copied.");
		}
		Space space = x.requireSpace();
		Node node = x.requireNode();
		boolean recursive = recursive(x, move, node);
		boolean overwrite = overwrite(x.header("Overwrite"));
		Destination destination = destination(x);
		if (destination.space().id().equals(space.id()) && destination.path().equals(x.path())) {
			throw new DavError(403, "The source and the destination are the same.");
		}
		if (node.collection() && destination.space().id().equals(space.id()) && x.path().contains(destination.path())) {
			throw new DavError(403, "A folder cannot be copied or moved into itself.");
		}
		Set<String> submitted = locking.evaluateIf(x);
		if (move) {
			locking.requireTokens(x, space, submitted, x.path(), true, true);
		}
		locking.requireTokens(x, destination.space(), submitted, destination.path(), true, true);
		Outcome outcome = move ? tree.move(space, node, destination.space(), destination.path(), overwrite)
				: tree.copy(node, destination.space(), destination.path(), overwrite, recursive);
		if (move) {
			locking.released(space, x.path());
		}
		x.response().setStatus(outcome == Outcome.CREATED ? 201 : 204);
	}

	private static boolean recursive(Exchange x, boolean move, Node node) throws DavError {
		String depth = x.header("Depth");
		if (depth == null || depth.equalsIgnoreCase("infinity")) {
			return true;
		}
		if (!move && depth.equals("0")) {
			return false;
		}
		throw DavError.badRequest(move ? "MOVE needs Depth: infinity." : "COPY needs Depth: 0 or infinity.");
	}

	private static boolean overwrite(@Nullable String header) throws DavError {
		if (header == null || header.equalsIgnoreCase("T")) {
			return true;
		}
		if (header.equalsIgnoreCase("F")) {
			return false;
		}
		throw DavError.badRequest("Overwrite must be T or F.");
	}

	private record Destination(Space space, FilePath path) {
	}

	private Destination destination(Exchange x) throws DavError {
		String header = x.header("Destination");
		if (header == null || header.isBlank()) {
			throw DavError.badRequest("COPY and MOVE need a Destination header.");
		}
		if (!DavPaths.onThisServer(header, x.request(), baseUrl)) {
			throw new DavError(502, "The destination is on another server; copy or move there yourself.");
		}
		Target target;
		try {
			target = DavPaths.parseUri(header, x.davBase());
		}
		catch (DavPaths.BadPath e) {
			throw new DavError(e.getMessage().startsWith("The address is not") ? 502 : 400, e.getMessage());
		}
		if (target.isTop() || target.path().isRoot()) {
			throw new DavError(403, "The destination must be inside a space.");
		}
		Space space = spaces.find(x.account(), target.space())
			.orElseThrow(() -> new DavError(409, "The destination space does not exist."));
		return new Destination(space, target.path());
	}

	private Space spaceOrConflict(Exchange x) throws DavError {
		if (x.space() == null) {
			throw new DavError(409, "The space does not exist.");
		}
		return x.space();
	}

	void proppatch(Exchange x) throws DavError, IOException {
		if (x.top()) {
			throw new DavError(403, "This resource has no properties to change.");
		}
		Space space = x.requireSpace();
		tree.requireWritable(space);
		Node node = x.requireNode();
		List<Update> updates = parseUpdates(x);
		Set<String> submitted = locking.evaluateIf(x);
		locking.requireTokens(x, space, submitted, x.path(), false, false);
		boolean protectedOne = updates.stream().anyMatch(u -> PropertyWriter.isLive(u.name()));
		DeadProperties.Refusal refusal = protectedOne ? null : transactions.execute(tx -> properties.apply(
				space.account(), node.id(), updates.stream()
					.map(u -> new DeadProperties.Change(u.name().namespace(), u.name().localName(), u.value()))
					.toList()));
		x.response().setStatus(207);
		x.response().setContentType("application/xml;charset=utf-8");
		Writer out = x.response().getWriter();
		PropertyWriter.begin(out);
		out.write("<D:response><D:href>" + DavXml.escapeText(DavResource.of(x.davBase(), space, x.path().names(), node)
			.href()) + "</D:href>");
		var ok = new StringBuilder();
		var forbidden = new StringBuilder();
		var full = new StringBuilder();
		var failed = new StringBuilder();
		for (Update update : updates) {
			String empty = DavXml.emptyElement(update.name().namespace(), update.name().localName());
			if (!protectedOne && refusal == null) {
				ok.append(empty);
			}
			else if (PropertyWriter.isLive(update.name())) {
				forbidden.append(empty);
			}
			else if (refusal != null && update.value() != null) {
				full.append(empty); // RFC 4918 §9.2.1: no room to record the property
			}
			else {
				failed.append(empty);
			}
		}
		if (!ok.isEmpty()) {
			PropertyWriter.propstat(out, ok, "HTTP/1.1 200 OK");
		}
		if (!forbidden.isEmpty()) {
			PropertyWriter.propstat(out, forbidden, "HTTP/1.1 403 Forbidden");
		}
		if (!full.isEmpty()) {
			PropertyWriter.propstat(out, full, "HTTP/1.1 507 Insufficient Storage");
		}
		if (!failed.isEmpty()) {
			PropertyWriter.propstat(out, failed, "HTTP/1.1 424 Failed Dependency");
		}
		if (refusal != null) {
			out.write("<D:responsedescription>" + DavXml.escapeText(refusal.description) + "</D:responsedescription>");
		}
		out.write("</D:response>");
		PropertyWriter.end(out);
	}

	/** A property to set (with its element as XML) or remove ({@code value == null}). */
	private record Update(PropertyName name, @Nullable String value) {
	}

	private static List<Update> parseUpdates(Exchange x) throws DavError, IOException {
		Element root;
		try {
			byte[] body = DavXml.readBody(x.request().getInputStream(), x.request().getContentLengthLong());
			if (body == null) {
				throw DavError.badRequest("PROPPATCH needs a DAV:propertyupdate body.");
			}
			root = DavXml.parse(body).getDocumentElement();
		}
		catch (DavXml.InvalidXml e) {
			throw e.toDavError();
		}
		if (!DavXml.is(root, DavXml.DAV, "propertyupdate")) {
			throw DavError.badRequest("A PROPPATCH body must be a DAV:propertyupdate element.");
		}
		var updates = new ArrayList<Update>();
		for (Element operation : DavXml.children(root)) {
			boolean set = DavXml.is(operation, DavXml.DAV, "set");
			if (!set && !DavXml.is(operation, DavXml.DAV, "remove")) {
				continue;
			}
			Element prop = DavXml.child(operation, DavXml.DAV, "prop");
			if (prop == null) {
				throw DavError.badRequest("DAV:set and DAV:remove need a DAV:prop.");
			}
			for (Element property : DavXml.children(prop)) {
				String value = set ? DavXml.serialize(property) : null;
				if (value != null && value.length() > 60_000) {
					throw DavError.badRequest("A property value may have at most 60 000 characters.");
				}
				updates.add(new Update(PropertyName.of(property), value));
			}
		}
		if (updates.isEmpty()) {
			throw DavError.badRequest("The DAV:propertyupdate changes nothing.");
		}
		return updates;
	}
}
