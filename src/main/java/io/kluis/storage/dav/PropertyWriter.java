package io.kluis.storage.dav;

import io.kluis.storage.dav.PropfindRequest.PropertyName;
import io.kluis.storage.files.Usage;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes multistatus responses: live properties computed from the resource, dead properties as
 * stored. Streams one response element at a time, so a folder with thousands of members never
 * becomes one big string.
 */
final class PropertyWriter {

	static final List<String> ALLPROP_LIVE = List.of("creationdate", "displayname", "getcontentlength",
			"getcontenttype", "getetag", "getlastmodified", "resourcetype", "supportedlock", "lockdiscovery");

	static final List<String> LIVE = List.of("creationdate", "displayname", "getcontentlength", "getcontenttype",
			"getetag", "getlastmodified", "resourcetype", "supportedlock", "lockdiscovery", "quota-available-bytes",
			"quota-used-bytes");

	private static final String OK = "HTTP/1.1 200 OK";

	private static final String NOT_FOUND = "HTTP/1.1 404 Not Found";

	private PropertyWriter() {
	}

	static boolean isLive(PropertyName name) {
		return DavXml.DAV.equals(name.namespace()) && LIVE.contains(name.localName());
	}

	static void begin(Writer out) throws IOException {
		out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
	}

	static void end(Writer out) throws IOException {
		out.write("</D:multistatus>\n");
	}

	/** One {@code DAV:response} with propstats for what was asked. */
	static void response(Writer out, DavResource resource, PropfindRequest request, List<DeadProperties.Stored> dead,
			List<Lock> locks, Supplier<Usage.Figures> usage) throws IOException {
		var found = new StringBuilder(512);
		var missing = new StringBuilder();
		switch (request.kind()) {
			case ALL -> {
				for (String name : ALLPROP_LIVE) {
					appendLive(found, name, resource, locks, usage);
				}
				dead.forEach(property -> found.append(property.xml()));
				for (PropertyName name : request.names()) {
					if (isLive(name) && !ALLPROP_LIVE.contains(name.localName())) {
						appendLive(found, name.localName(), resource, locks, usage);
					}
				}
			}
			case NAMES -> {
				for (String name : LIVE) {
					if (live(name, resource, locks, usage) != null) {
						found.append("<D:").append(name).append("/>");
					}
				}
				dead.forEach(p -> found.append(DavXml.emptyElement(p.namespace(), p.localName())));
			}
			case SELECTED -> {
				for (PropertyName name : request.names()) {
					String value = isLive(name) ? live(name.localName(), resource, locks, usage) : null;
					if (value != null) {
						element(found, name.localName(), value);
						continue;
					}
					DeadProperties.Stored stored = dead.stream()
						.filter(p -> p.namespace().equals(name.namespace()) && p.localName().equals(name.localName()))
						.findFirst()
						.orElse(null);
					if (stored != null) {
						found.append(stored.xml());
					}
					else {
						missing.append(DavXml.emptyElement(name.namespace(), name.localName()));
					}
				}
			}
		}
		out.write("<D:response><D:href>");
		out.write(DavXml.escapeText(resource.href()));
		out.write("</D:href>");
		if (!found.isEmpty() || missing.isEmpty()) {
			propstat(out, found, OK);
		}
		if (!missing.isEmpty()) {
			propstat(out, missing, NOT_FOUND);
		}
		out.write("</D:response>");
	}

	/** A response with only a status, e.g. for a member that could not be processed. */
	static void status(Writer out, String href, String status) throws IOException {
		out.write("<D:response><D:href>" + DavXml.escapeText(href) + "</D:href><D:status>" + status
				+ "</D:status></D:response>");
	}

	static void propstat(Writer out, CharSequence props, String status) throws IOException {
		out.write("<D:propstat><D:prop>");
		out.append(props);
		out.write("</D:prop><D:status>");
		out.write(status);
		out.write("</D:status></D:propstat>");
	}

	private static void appendLive(StringBuilder out, String name, DavResource resource, List<Lock> locks,
			Supplier<Usage.Figures> usage) {
		String value = live(name, resource, locks, usage);
		if (value != null) {
			element(out, name, value);
		}
	}

	private static void element(StringBuilder out, String name, String value) {
		if (value.isEmpty()) {
			out.append("<D:").append(name).append("/>");
		}
		else {
			out.append("<D:").append(name).append('>').append(value).append("</D:").append(name).append('>');
		}
	}

	/** A live property's contents as XML, or {@code null} when the resource does not have it. */
	static @Nullable String live(String name, DavResource resource, List<Lock> locks, Supplier<Usage.Figures> usage) {
		return switch (name) {
			case "creationdate" -> DateTimeFormatter.ISO_INSTANT.format(resource.created());
			case "displayname" -> DavXml.escapeText(resource.displayName());
			case "getcontentlength" -> resource.collection() ? null : Long.toString(resource.size());
			case "getcontenttype" -> resource.collection() || resource.contentType() == null ? null
					: DavXml.escapeText(resource.contentType());
			case "getetag" -> DavXml.escapeText(resource.quotedEtag());
			case "getlastmodified" -> httpDate(resource.modified());
			case "resourcetype" -> resource.collection() ? "<D:collection/>" : "";
			case "supportedlock" -> resource.top() ? ""
					: "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
							+ "</D:lockentry><D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/>"
							+ "</D:locktype></D:lockentry>";
			case "lockdiscovery" -> lockDiscovery(locks, resource.base());
			case "quota-available-bytes" -> resource.collection() ? Long.toString(usage.get().available()) : null;
			case "quota-used-bytes" -> resource.collection() ? Long.toString(usage.get().used()) : null;
			default -> null;
		};
	}

	static String lockDiscovery(List<Lock> locks, String base) {
		var out = new StringBuilder();
		for (Lock lock : locks) {
			out.append(activeLock(lock, base));
		}
		return out.toString();
	}

	static String activeLock(Lock lock, String spaceBase) {
		var out = new StringBuilder(256);
		out.append("<D:activelock><D:locktype><D:write/></D:locktype><D:lockscope>")
			.append(lock.exclusive() ? "<D:exclusive/>" : "<D:shared/>")
			.append("</D:lockscope><D:depth>")
			.append(lock.infinite() ? "infinity" : "0")
			.append("</D:depth>");
		if (lock.ownerXml() != null) {
			out.append("<D:owner>").append(lock.ownerXml()).append("</D:owner>");
		}
		out.append("<D:timeout>Second-")
			.append(lock.timeoutSeconds())
			.append("</D:timeout><D:locktoken><D:href>")
			.append(DavXml.escapeText(lock.token()))
			.append("</D:href></D:locktoken><D:lockroot><D:href>")
			.append(DavXml.escapeText(spaceBase + lockRootPath(lock)))
			.append("</D:href></D:lockroot></D:activelock>");
		return out.toString();
	}

	private static String lockRootPath(Lock lock) {
		var out = new StringBuilder();
		for (String name : lock.path().names()) {
			out.append('/');
			DavPaths.encode(name, out);
		}
		return out.toString();
	}

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
		.withZone(ZoneOffset.UTC);

	/** An IMF-fixdate (RFC 9110 §5.6.7). */
	static String httpDate(Instant instant) {
		return HTTP_DATE.format(instant);
	}
}
