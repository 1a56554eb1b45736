package io.kluis.storage.dav;

import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.InvalidNameException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns request URIs into spaces and paths and back. Every name is percent-decoded as strict UTF-8
 * and checked by {@link FilePath}; hrefs in responses percent-encode everything but unreserved
 * characters, so any client can use them as they are.
 */
final class DavPaths {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private DavPaths() {
	}

	/** A WebDAV resource address: the space ({@code null} for {@code /dav/} itself) and the path in it. */
	record Target(@Nullable String space, FilePath path) {

		boolean isTop() {
			return space == null;
		}
	}

	static final class BadPath extends Exception {

		BadPath(String message) {
			super(message);
		}
	}

	/**
	 * Parses a raw (still percent-encoded) path below {@code base} ({@code /dav}).
	 *
	 * @throws BadPath when the path is not below the base or a name is not allowed
	 */
	static Target parse(String rawPath, String base) throws BadPath {
		if (!rawPath.equals(base) && !rawPath.startsWith(base + "/")) {
			throw new BadPath("The address is not a WebDAV address of this server.");
		}
		var names = new ArrayList<String>();
		for (String segment : rawPath.substring(base.length()).split("/")) {
			if (!segment.isEmpty()) {
				names.add(decode(segment));
			}
		}
		if (names.isEmpty()) {
			return new Target(null, FilePath.ROOT);
		}
		try {
			return new Target(names.get(0), FilePath.of(names.subList(1, names.size())));
		}
		catch (InvalidNameException e) {
			throw new BadPath(e.getMessage());
		}
	}

	/** Parses a {@code Destination} header or a tagged {@code If} resource: an absolute URI or path. */
	static Target parseUri(String uri, String base) throws BadPath {
		String rawPath;
		try {
			URI parsed = new URI(uri.trim());
			rawPath = parsed.getRawPath();
		}
		catch (URISyntaxException e) {
			throw new BadPath("The destination is not a valid URI.");
		}
		if (rawPath == null || rawPath.isEmpty()) {
			throw new BadPath("The destination has no path.");
		}
		return parse(rawPath, base);
	}

	/**
	 * Whether a {@code Destination} names this server (RFC 4918 §9.8.4, §9.9.4: one on another
	 * server is answered 502, never carried out here): a bare path, or an absolute URI whose host and
	 * port are the request's own (as the client or a trusted proxy addressed it) or the public base
	 * URL's. A URI that does not parse is left to {@link #parseUri} to refuse.
	 */
	static boolean onThisServer(String destination, jakarta.servlet.http.HttpServletRequest request, URI baseUrl) {
		URI uri;
		try {
			uri = new URI(destination.trim());
		}
		catch (URISyntaxException e) {
			return true;
		}
		if (uri.getHost() == null) {
			return uri.getScheme() == null && uri.getRawAuthority() == null;
		}
		int port = port(uri);
		return (uri.getHost().equalsIgnoreCase(request.getServerName()) && port == request.getServerPort())
				|| (uri.getHost().equalsIgnoreCase(baseUrl.getHost()) && port == port(baseUrl));
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	static String decode(String segment) throws BadPath {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		var bytes = new ByteArrayOutputStream(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%') {
				if (i + 2 >= segment.length()) {
					throw new BadPath("The address has a broken percent-encoding.");
				}
				int hi = Character.digit(segment.charAt(i + 1), 16);
				int lo = Character.digit(segment.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					throw new BadPath("The address has a broken percent-encoding.");
				}
				bytes.write(hi * 16 + lo);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new BadPath("The address is not valid UTF-8.");
		}
	}

	/** The href of a resource: base, space, names, and a slash after a collection. */
	static String href(String base, @Nullable String space, List<String> names, boolean collection) {
		var out = new StringBuilder(base.length() + 64).append(base).append('/');
		if (space != null) {
			encode(space, out);
			for (String name : names) {
				out.append('/');
				encode(name, out);
			}
			if (collection) {
				out.append('/');
			}
		}
		return out.toString();
	}

	static void encode(String name, StringBuilder out) {
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
		}
	}
}
