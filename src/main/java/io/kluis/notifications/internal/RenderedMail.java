package io.kluis.notifications.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A mail exactly as it will be sent: recipient, subject line, both bodies and extra headers. All of
 * it is personal data, so it is stored only sealed and {@link #toString()} shows sizes only.
 */
record RenderedMail(String recipient, String subjectLine, String text, String html, Map<String, String> headers) {

	RenderedMail {
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(subjectLine, "subjectLine");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(html, "html");
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	/** Headers as stored: one {@code Name: value} per line (values never span lines, see Mail). */
	String headerLines() {
		var lines = new StringBuilder();
		headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
		return lines.toString();
	}

	static Map<String, String> parseHeaderLines(String lines) {
		var headers = new LinkedHashMap<String, String>();
		for (String line : lines.split("\n")) {
			int colon = line.indexOf(": ");
			if (colon > 0) {
				headers.put(line.substring(0, colon), line.substring(colon + 2));
			}
		}
		return headers;
	}

	@Override
	public String toString() {
		return "RenderedMail[text=" + text.length() + " chars, html=" + html.length() + " chars, headers="
				+ headers.keySet() + "]";
	}
}
