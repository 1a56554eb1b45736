package io.kluis.jar;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for a test that starts nodes of its own, on the server at
 * {@code kluis.test.postgresql.server} (default the local one, user postgres). Without a reachable
 * server the test is skipped with the reason, and fails with {@code CI=true}.
 */
final class ScratchDatabase implements AutoCloseable {

	static final String SERVER = System.getProperty("kluis.test.postgresql.server",
			"jdbc:postgresql://127.0.0.1:5432/postgres");

	private final String name;

	ScratchDatabase() {
		this.name = "kluis_jar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("create database " + name);
	}

	String url() {
		return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
	}

	@Override
	public void close() {
		execute("drop database if exists " + name + " with (force)");
	}

	private static void execute(String sql) {
		try (var connection = DriverManager.getConnection(SERVER, "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
		}
	}

	/** {@code @ExtendWith(ScratchDatabase.Reachable.class)}: skips or fails without a server. */
	public static final class Reachable implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			try (var connection = DriverManager.getConnection(SERVER, "postgres", "")) {
				connection.isValid(2);
				return ConditionEvaluationResult.enabled("PostgreSQL reachable");
			}
			catch (SQLException e) {
				String problem = "PostgreSQL at " + SERVER + " is not reachable (" + e.getClass().getSimpleName() + ")";
				if ("true".equals(System.getenv("CI"))) {
					throw new IllegalStateException("CI=true, so this may not be skipped: " + problem);
				}
				return ConditionEvaluationResult.disabled("Skipped: " + problem);
			}
		}
	}
}
