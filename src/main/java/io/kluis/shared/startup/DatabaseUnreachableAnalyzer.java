package io.kluis.shared.startup;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A database that is down, unknown, or refuses the credentials: one line naming the database (host,
 * port and name from the URL, never the user or password) and what to check, instead of the pool's,
 * Flyway's and the driver's stack traces.
 */
public final class DatabaseUnreachableAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	public DatabaseUnreachableAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		String reason = reason(failure);
		if (reason == null) {
			return null;
		}
		String database = DatabaseUrls.withoutSecrets(environment.getProperty("spring.datasource.url", ""));
		return new FailureAnalysis("Kluis refused to start: its database " + database + " " + reason + ".",
				"Start the database or correct KLUIS_DB_URL, KLUIS_DB_USER and KLUIS_DB_PASSWORD, then start Kluis again.",
				failure);
	}

	private static @Nullable String reason(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof ConnectException) {
				return "refuses connections (is it running, and on this host and port?)";
			}
			if (t instanceof UnknownHostException) {
				return "has a host name that does not resolve";
			}
		}
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("28")) {
					return "refused the user name or password";
				}
				if ("3D000".equals(state)) {
					return "does not exist (create it first: createdb)";
				}
				if (state.startsWith("08")) {
					return "cannot be reached";
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}
}
