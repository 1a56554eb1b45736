package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One request to a hosted site, as the log keeps it (RET-4, HST-1): what seed 001 promises and no
 * more. Request metadata only, never content (HST-2): no body, no cookies, no headers but the user
 * agent and the referrer's host (a full referrer URL can carry someone's data in its path or query).
 *
 * <p>Personal data of the visitor (IP address, user agent, and whatever a path or query names), so
 * {@link #toString()} shows only the time, site, status and size. Over-long values are cut to the
 * columns' lengths rather than refused: a log line is evidence, not input to validate.
 *
 * @param query the query string without {@code ?}, or {@code null}; kept only when the site's owner
 *        turned it on (see {@link PageViewLog#append(PageView, boolean)})
 * @param visitorIp the visitor's address in canonical text form (IPv4 or IPv6)
 */
public record PageView(Instant time, SiteId site, String domain, String path, @Nullable String query, int status,
		long bytes, @Nullable String userAgent, String visitorIp, @Nullable String referrerHost) {

	public PageView {
		domain = cut(domain, 253).toLowerCase(java.util.Locale.ROOT);
		path = cut(path, 2048);
		query = query == null || query.isEmpty() ? null : cut(query, 2048);
		userAgent = userAgent == null || userAgent.isEmpty() ? null : cut(userAgent, 512);
		referrerHost = referrerHost == null || referrerHost.isEmpty() ? null : cut(referrerHost, 253);
		if (status < 100 || status > 999) {
			throw new IllegalArgumentException("an HTTP status has three digits");
		}
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes cannot be negative");
		}
		if (visitorIp.isEmpty() || visitorIp.length() > 45) {
			throw new IllegalArgumentException("not an IP address");
		}
	}

	/** The same view without its query string. */
	public PageView withoutQuery() {
		return query == null ? this
				: new PageView(time, site, domain, path, null, status, bytes, userAgent, visitorIp, referrerHost);
	}

	/** Cut to {@code max} characters, without NUL characters (which PostgreSQL text cannot hold). */
	private static String cut(String value, int max) {
		String clean = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
		return clean.length() <= max ? clean : clean.substring(0, max);
	}

	@Override
	public String toString() {
		return "PageView[" + time + ", site=" + site + ", status=" + status + ", bytes=" + bytes + "]";
	}
}
