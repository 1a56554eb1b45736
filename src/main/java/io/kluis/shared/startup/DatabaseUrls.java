package io.kluis.shared.startup;

/** JDBC URLs as they may appear in a log line: without parameters, which may carry a password. */
final class DatabaseUrls {

	private DatabaseUrls() {
	}

	static String withoutSecrets(String url) {
		int parameters = url.indexOf('?');
		String base = parameters >= 0 ? url.substring(0, parameters) : url;
		int semicolon = base.indexOf(';');
		base = semicolon >= 0 ? base.substring(0, semicolon) : base;
		// jdbc:postgresql://user:password@host/db is not valid for the driver, but do not print it either.
		int at = base.indexOf('@');
		int scheme = base.indexOf("//");
		if (at >= 0 && scheme >= 0 && at > scheme) {
			base = base.substring(0, scheme + 2) + base.substring(at + 1);
		}
		return base.isEmpty() ? "(not configured)" : base;
	}
}
