package io.kluis.notifications.internal;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code kluis.base-url}, the address mails link to (mail has no request to derive it from). */
@Component
class BaseUrl {

	private final String base;

	BaseUrl(@Value("${kluis.base-url}") String baseUrl) {
		URI uri = URI.create(baseUrl.strip());
		if (uri.getScheme() == null || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalArgumentException("kluis.base-url must be an absolute http(s) URL without query");
		}
		String text = uri.toString();
		this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	/** The base URL without trailing slash, e.g. {@code https://kluis.example}. */
	String value() {
		return base;
	}

	/** The host name, for Message-IDs. */
	String host() {
		return URI.create(base).getHost();
	}

	/** {@code base + pathAndQuery}; the path must be relative to the installation. */
	String link(String pathAndQuery) {
		if (pathAndQuery.startsWith("//") || pathAndQuery.contains("://") || pathAndQuery.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("link needs a path on this installation, like /verify?token=…");
		}
		return base + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery);
	}
}
