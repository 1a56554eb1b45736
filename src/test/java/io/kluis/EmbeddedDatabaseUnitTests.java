package io.kluis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The embedded database as Kluis uses it: tables are created by Flyway on one pooled connection,
 * which the pool later retires, and every other connection goes on inserting. H2 2.4.240 failed that
 * ("Check constraint invalid" on every insert into a table with a {@code CHECK … IN (…)}), which
 * broke a fresh installation after half an hour; the pinned version must not.
 */
class EmbeddedDatabaseUnitTests {

	@Test
	@DisplayName("a CHECK … IN (…) constraint still accepts rows after the connection that created the table has closed")
	void aCheckConstraintStillWorksAfterTheConnectionThatCreatedItClosed() throws Exception {
		String url = "jdbc:h2:mem:check-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
		try (Connection keep = DriverManager.getConnection(url, "sa", "")) {
			try (Connection migration = DriverManager.getConnection(url, "sa", "")) {
				migration.createStatement().execute("create table journal (blob varchar(32) primary key, "
						+ "state varchar(8) not null, constraint journal_state check (state in ('WRITING', 'GARBAGE')))");
			}
			try (Connection later = DriverManager.getConnection(url, "sa", "")) {
				assertThat(later.createStatement().executeUpdate("insert into journal values ('a', 'GARBAGE')")).isEqualTo(1);
			}
			keep.createStatement().execute("drop table journal");
		}
	}
}
