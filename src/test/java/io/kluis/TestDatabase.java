package io.kluis;

import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at its database; see {@link KluisIntegrationTest}. When PostgreSQL is asked
 * for but cannot be reached, the test is skipped with the reason on a laptop and fails in CI
 * ({@code CI=true}), where nothing may be skipped silently.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext>, ExecutionCondition {

	/**
	 * Set to {@code true} (e.g. with {@code @TestPropertySource}) for a context that must not share
	 * its tables with other contexts on PostgreSQL: one that moves its clock years ahead and runs
	 * retention for real would delete their data and leave records dated in their future. On H2 every
	 * context has its own in-memory database anyway.
	 */
	public static final String OWN_SCHEMA = "kluis.test.own-schema";

	public static boolean postgresql() {
		return "postgresql".equals(System.getProperty("kluis.test.database"));
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var environment = context.getEnvironment();
		if (io.kluis.shared.jobs.Jobs.enabled(environment)
				&& environment.getProperty("spring.mail.host") == null) {
			// Every context whose outbox dispatcher runs sends to the shared test SMTP server: on
			// PostgreSQL all contexts share one outbox, and a context without SMTP would otherwise
			// take other tests' mails into its local mail viewer.
			TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + Mailbox.port()).applyTo(context);
		}
		String dataDir = "target/test-data/" + UUID.randomUUID();
		if (postgresql()) {
			String url = System.getProperty("kluis.test.postgresql.url", "");
			if (environment.getProperty(OWN_SCHEMA, Boolean.class, false)) {
				url = ownSchema(url);
			}
			TestPropertyValues.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"spring.datasource.password=", "kluis.data-dir=" + dataDir).applyTo(context);
		}
		else {
			TestPropertyValues.of("spring.datasource.url=jdbc:h2:mem:kluis-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128",
					"kluis.data-dir=" + dataDir).applyTo(context);
		}
	}

	/**
	 * A new schema in the test database, created here (before Flyway and Spring Modulith's table
	 * initialisation, which both create their tables in the connection's current schema), and the
	 * URL that makes it the current one. The schema stays behind: a run's database is meant to be
	 * fresh ({@code .ci/run} creates one per run).
	 */
	private static String ownSchema(String url) {
		String schema = "own_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (var connection = DriverManager.getConnection(url, "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute("create schema " + schema);
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException("could not create the test schema " + schema, e);
		}
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext extension) {
		if (!postgresql()) {
			return ConditionEvaluationResult.enabled("H2 in memory");
		}
		String problem = unreachable(System.getProperty("kluis.test.postgresql.url", ""));
		if (problem == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL reachable");
		}
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true, so this may not be skipped: " + problem);
		}
		return ConditionEvaluationResult.disabled("Skipped: " + problem);
	}

	private static String unreachable(String url) {
		String problem = null;
		if (url.isBlank()) {
			problem = "kluis.test.postgresql.url is not set";
		}
		else {
			try (var connection = DriverManager.getConnection(url, "postgres", "")) {
				connection.isValid(2);
			}
			catch (Exception e) {
				problem = "PostgreSQL at the configured URL is not reachable (" + e.getClass().getSimpleName() + ")";
			}
		}
		return problem;
	}
}
