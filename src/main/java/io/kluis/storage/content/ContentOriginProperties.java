package io.kluis.storage.content;

import io.kluis.shared.StartupRefusal;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.storage.content-origin} and {@code kluis.storage.content-ticket-validity}: the separate
 * origin browser downloads of user content are served from. Bound from the storage module's prefix
 * next to {@link io.kluis.storage.files.StorageProperties}, kept apart so the download path does not
 * depend on the file tree's settings.
 *
 * @param contentOrigin scheme, host and optional port, e.g. {@code https://content.example.net}; a
 *        host other than the panel's (ideally another registrable domain), so the panel's cookies
 *        never reach it. Unset: downloads are served by the panel's origin (still as attachments
 *        that cannot run script)
 * @param contentTicketValidity how long the link a download is redirected to works
 */
@ConfigurationProperties("kluis.storage")
public record ContentOriginProperties(@Nullable URI contentOrigin,
		@DefaultValue("60s") Duration contentTicketValidity) {

	public boolean enabled() {
		return contentOrigin != null;
	}

	/**
	 * Refuses a content origin that is not an http(s) URL with a host, or that has the panel's host:
	 * user content next to the panel's session is what the separate origin exists to prevent.
	 *
	 * @throws IllegalStateException naming the property
	 */
	void check(URI baseUrl) {
		if (contentOrigin == null) {
			return;
		}
		String scheme = contentOrigin.getScheme();
		if (contentOrigin.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
			throw new StartupRefusal("kluis.storage.content-origin must be an http(s) URL with a host");
		}
		if (contentOrigin.getHost().equalsIgnoreCase(baseUrl.getHost())) {
			throw new StartupRefusal("kluis.storage.content-origin must be on another host than kluis.base-url: "
					+ "user content next to the panel's session is what it exists to prevent");
		}
	}

	/** The origin without a trailing slash, e.g. {@code https://content.example.net}. */
	String origin() {
		String text = contentOrigin.toString();
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	/** Whether the request was addressed to the content origin (by host and port). */
	boolean isContentOrigin(String serverName, int serverPort) {
		if (contentOrigin == null || !serverName.equalsIgnoreCase(contentOrigin.getHost())) {
			return false;
		}
		return serverPort == port(contentOrigin);
	}

	static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
