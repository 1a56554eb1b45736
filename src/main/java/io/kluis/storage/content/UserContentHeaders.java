package io.kluis.storage.content;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;

/**
 * The response headers of every download of user content: an attachment (the browser saves it and
 * never renders it), {@code nosniff} (no guessing a script out of a text file) and a sandboxing
 * policy (should it be rendered anyway, it runs without an origin, script or forms). Every route
 * that sends a customer's file to a browser uses it: WebDAV GET, share links, shares to customers,
 * the content origin and break-glass downloads.
 */
public final class UserContentHeaders {

	public static final String CONTENT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'";

	private UserContentHeaders() {
	}

	/** {@link #headers} for a one-off download that no cache may keep. */
	public static void apply(HttpServletResponse response, String fileName, String contentType) {
		headers(response, fileName, contentType);
		response.setHeader("Cache-Control", "private, no-store");
	}

	/** Type, attachment with the name, sandbox policy and {@code nosniff}; caching is the caller's. */
	public static void headers(HttpServletResponse response, String fileName, String contentType) {
		response.setContentType(contentType);
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encode(fileName));
		response.setHeader("Content-Security-Policy", CONTENT_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
	}

	/** RFC 5987 {@code attr-char} encoding of a file name: unreserved characters stay, the rest is %XX of UTF-8. */
	static String encode(String name) {
		var out = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}
}
