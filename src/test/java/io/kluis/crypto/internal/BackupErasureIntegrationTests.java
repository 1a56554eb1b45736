package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.ExternalPrograms;
import io.kluis.MutableClock;
import io.kluis.TestDatabase;
import io.kluis.crypto.BackupErasure;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.Sealed;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.rights.AccountClosingForTests;
import io.kluis.shared.AccountId;
import io.kluis.shared.StartupRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Issue 8 §3 "Backups", acceptance 4 (second half), on PostgreSQL with the real {@code pg_dump}: a
 * dump taken before an account was closed, restored into a fresh database after the bound stated in
 * the README and on {@code /privacy} has passed (clock moved, rotation run as the schedule would),
 * reads none of the closed account's fields with the installation's current keys (same key store,
 * same master key), while another, live customer's fields in the same dump still read.
 *
 * <p>What is checked is listed in {@link #SEALED}, one entry per sealed column; to cover more of what
 * a customer stores (e.g. names and contents of plain spaces once they are sealed), add their
 * columns there: every entry is read for both customers from the restored dump.
 *
 * <p>Runs in the PostgreSQL run ({@code -Ppostgresql}); on H2 it is skipped with that reason.
 */
@OwnEpochsIntegrationTest
@ExtendWith(BackupErasureIntegrationTests.OnPostgresql.class)
@ExternalPrograms.Needs(value = { "pg_dump", "pg_restore", "psql" }, packages = "postgresql-client")
class BackupErasureIntegrationTests {

	/**
	 * A sealed column: its table, the condition that selects the owner's rows (one {@code ?}, the
	 * owner's id; a sub-select where the owner is further away, e.g. {@code space_id in (select id
	 * from storage_spaces where owner_id = ?)}), and the field name it is sealed under.
	 */
	record SealedColumn(String table, String column, String ownerCondition, String fieldSql) {
	}

	/** A plain space's rows: names of files and folders, and small files' contents kept in the database. */
	private static final String OWNS_NODE = "space_id in (select id from storage_spaces where account_id = ?)";

	static final List<SealedColumn> SEALED = java.util.stream.Stream.concat(identityAccounts("email", "first_name",
			"last_name", "street", "postal_code", "city", "country", "date_of_birth", "phone", "company_name",
			"registration_ip").stream(), java.util.stream.Stream.of(
				new SealedColumn("storage_nodes", "name_sealed", OWNS_NODE, "'storage.node.name'"),
				new SealedColumn("storage_nodes", "small_content", "small_sealed and " + OWNS_NODE,
						"'storage.small-blob:' || blob")))
		.toList();

	@Autowired
	ApplicationContext context;

	@Autowired
	Environment environment;

	@Autowired
	EnvelopeCipher cipher;

	@Autowired
	MasterKeyring masterKeys;

	@Autowired
	EpochKeys epochs;

	@Autowired
	EpochRotation rotation;

	@Autowired
	BackupErasure bound;

	@Autowired
	MutableClock clock;

	@Autowired
	DataKeyCache cache;

	@Test
	@DisplayName("RET-5, SEC-3: a pg_dump from before an account was closed, restored after the stated bound, reads none of its fields, file names or contents with the installation's keys; a live customer's still read")
	void aRestoredBackupReadsNoneOfAClosedAccount() throws Exception {
		var fixtures = TestAccounts.in(context);
		AccountId closed = fixtures.verified(everyField("Closedname"), "203.0.113.17").id();
		AccountId live = fixtures.verified(everyField("Livename"), "203.0.113.18").id();
		storeFiles(closed, "Closedname");
		storeFiles(live, "Livename");
		String url = environment.getProperty("spring.datasource.url");
		String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
		Path dump = Files.createTempFile("kluis-backup-", ".dump");
		run("pg_dump", "-h", host(url), "-p", port(url), "-U", "postgres", "-n", schema, "-Fc", "-f", dump.toString(),
				database(url));

		AccountClosingForTests.close(context, closed);
		assertThat(cipher.isDestroyed(closed)).isTrue();

		// the schedule, with the clock moved past the stated bound: a new epoch a day later, and the
		// epoch the closed account's key was last wrapped under destroyed after the backup retention
		clock.advance(bound.epochLength().plus(Duration.ofHours(1)));
		rotation.run(false);
		clock.advance(bound.backupRetention().plus(Duration.ofHours(1)));
		var last = rotation.run(false);
		assertThat(last.destroyed()).as("epochs destroyed by the second run").isNotEmpty();
		cache.clear();

		String restored = "kluis_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		admin(url, "create database " + restored);
		try {
			String restoredUrl = url.substring(0, url.lastIndexOf('/') + 1) + restored + "?currentSchema=" + schema;
			run("pg_restore", "-h", host(url), "-p", port(url), "-U", "postgres", "-d", restored, dump.toString());
			var restoredDb = new SingleConnectionDataSource(restoredUrl, "postgres", "", true);
			try {
				var restoredJdbc = JdbcClient.create(restoredDb);
				var restoredKeys = new DataKeys(restoredJdbc);
				assertThat(restoredKeys.find(closed).orElseThrow().wrappedKey())
					.as("the dump does hold the closed account's wrapped data key").isNotNull();

				// the restored database as an installation: refused, its epochs are gone
				assertThatThrownBy(() -> new InstallationKeyCheck(masterKeys, epochs, restoredKeys,
						new SystemKeys(restoredJdbc)).check())
					.isInstanceOf(StartupRefusal.class).hasMessageContaining("lacks");

				// the dump's own key rows, with the current key store and master key
				var fromRestoredKeys = new EnvelopeCipher(masterKeys, restoredKeys, new SystemKeys(restoredJdbc),
						new DataKeyCache(new CryptoProperties(null, null, false, 10, Duration.ofMinutes(5)), clock), epochs,
						clock);
				var closedFields = read(restoredJdbc, closed);
				assertThat(closedFields).as("sealed fields, names and contents of the closed account in the dump")
					.hasSizeGreaterThanOrEqualTo(SEALED.size() + 2).extracting(Field::column).containsAll(SEALED);
				for (var field : closedFields) {
					assertThatThrownBy(() -> fromRestoredKeys.open(closed, field.field(), field.sealed()))
						.as(field.field() + " with the dump's key rows").isInstanceOf(DataKeyDestroyedException.class);
					assertThatThrownBy(() -> cipher.open(closed, field.field(), field.sealed()))
						.as(field.field() + " with the installation's live key rows")
						.isInstanceOf(DataKeyDestroyedException.class);
				}

				// the live customer's fields, names and contents in the same dump still read with the installation's keys
				var liveFields = read(restoredJdbc, live);
				assertThat(liveFields).hasSizeGreaterThanOrEqualTo(SEALED.size() + 2);
				var opened = new ArrayList<String>();
				for (var field : liveFields) {
					opened.add(cipher.open(live, field.field(), field.sealed()));
				}
				assertThat(opened).allMatch(value -> !value.isBlank())
					.contains("Livename-folder", "Livename-notes.txt", "Livename-report.txt", "Livename's notes");
				var firstName = liveFields.stream().filter(f -> f.column().column().equals("first_name_sealed")).findFirst()
					.orElseThrow();
				assertThat(cipher.open(live, "identity.accounts.first_name", firstName.sealed())).isEqualTo("Livename");
			}
			finally {
				restoredDb.destroy();
			}
		}
		finally {
			admin(url, "drop database if exists " + restored + " with (force)");
			Files.deleteIfExists(dump);
		}
	}

	private static io.kluis.identity.account.RegistrationRequest everyField(String firstName) {
		return new io.kluis.identity.account.RegistrationRequest(TestAccounts.uniqueEmail("backup"), TestAccounts.PASSWORD,
				firstName, "Achternaam", "Dijkweg 12", "1234 AB", "Utrecht", "NL", java.time.LocalDate.of(1970, 1, 2),
				"+31 6 12345678", "Bedrijf B.V.", true);
	}

	record Field(SealedColumn column, String field, Sealed sealed) {
	}

	/** A plain space with a folder, a small file in the database, and a file in the blob store. */
	private void storeFiles(AccountId owner, String marker) {
		var space = context.getBean(io.kluis.storage.files.Spaces.class).create(owner, "backup-" + marker.toLowerCase(),
				io.kluis.storage.files.SpaceKind.PLAIN);
		var tree = context.getBean(io.kluis.storage.files.FileTree.class);
		tree.createFolder(space, io.kluis.storage.files.FilePath.ofJoined(marker + "-folder"));
		byte[] notes = (marker + "'s notes").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		tree.write(space, io.kluis.storage.files.FilePath.ofJoined(marker + "-folder/" + marker + "-notes.txt"),
				new java.io.ByteArrayInputStream(notes), notes.length, "text/plain", io.kluis.storage.files.FileTree.Precondition.NONE);
		byte[] report = (marker + " report ").repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		tree.write(space, io.kluis.storage.files.FilePath.ofJoined(marker + "-report.txt"),
				new java.io.ByteArrayInputStream(report), report.length, "text/plain", io.kluis.storage.files.FileTree.Precondition.NONE);
	}

	private static List<Field> read(JdbcClient jdbc, AccountId owner) {
		var fields = new ArrayList<Field>();
		for (var column : SEALED) {
			jdbc.sql("select " + column.column() + ", " + column.fieldSql() + " from " + column.table() + " where "
					+ column.ownerCondition())
				.param(owner.value())
				.query((rs, i) -> rs.getBytes(1) == null ? null : new Field(column, rs.getString(2), Sealed.fromBytes(rs.getBytes(1))))
				.list()
				.stream()
				.filter(java.util.Objects::nonNull)
				.forEach(fields::add);
		}
		return fields;
	}

	private static List<SealedColumn> identityAccounts(String... names) {
		return java.util.Arrays.stream(names)
			.map(n -> new SealedColumn("identity_accounts", n + "_sealed", "id = ?", "'identity.accounts." + n + "'"))
			.toList();
	}

	private static String host(String url) {
		return java.net.URI.create(url.substring("jdbc:".length())).getHost();
	}

	private static String port(String url) {
		int port = java.net.URI.create(url.substring("jdbc:".length())).getPort();
		return String.valueOf(port < 0 ? 5432 : port);
	}

	private static String database(String url) {
		String path = java.net.URI.create(url.substring("jdbc:".length())).getPath();
		return path.substring(1);
	}

	private static void admin(String url, String sql) throws SQLException {
		String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
		try (var connection = DriverManager.getConnection(server, "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
	}

	/** The test needs pg_dump against the database under test: it runs in the PostgreSQL run only. */
	static final class OnPostgresql implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext extension) {
			return TestDatabase.postgresql() ? ConditionEvaluationResult.enabled("PostgreSQL")
					: ConditionEvaluationResult.disabled("Skipped: needs PostgreSQL and pg_dump; runs with -Ppostgresql "
							+ "-Dkluis.test.postgresql.url=… (.ci/run does)");
		}
	}
}
