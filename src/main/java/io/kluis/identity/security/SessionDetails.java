package io.kluis.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * What the sessions page shows about a session: when it started and a coarse device description
 * ("Firefox on Linux") derived from the user agent. The raw user agent and the IP are not stored.
 */
public final class SessionDetails {

	public static final String LOGIN_AT = io.kluis.identity.account.AccountSessions.LOGIN_AT;

	public static final String DEVICE = io.kluis.identity.account.AccountSessions.DEVICE;

	private SessionDetails() {
	}

	public static void record(HttpServletRequest request, long loginAtMillis) {
		var session = request.getSession();
		session.setAttribute(LOGIN_AT, loginAtMillis);
		session.setAttribute(DEVICE, describe(request.getHeader("User-Agent")));
	}

	static String describe(String userAgent) {
		if (userAgent == null) {
			return "unknown";
		}
		String ua = userAgent.toLowerCase(Locale.ROOT);
		String browser = ua.contains("edg/") ? "Edge" : ua.contains("firefox") ? "Firefox"
				: ua.contains("chrome") || ua.contains("chromium") ? "Chrome" : ua.contains("safari") ? "Safari"
						: ua.contains("curl") ? "curl" : "browser";
		String system = ua.contains("android") ? "Android" : ua.contains("iphone") || ua.contains("ipad") ? "iOS"
				: ua.contains("windows") ? "Windows" : ua.contains("mac os") ? "macOS" : ua.contains("linux") ? "Linux"
						: "unknown system";
		return browser + " / " + system;
	}
}
