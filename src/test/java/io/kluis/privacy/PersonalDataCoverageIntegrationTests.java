package io.kluis.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PUR-3 against the real schema (H2 or PostgreSQL, whichever the run uses): every column that looks
 * like personal data belongs to a register category through the holder of the module that stores
 * it, or is listed here as not personal, with the reason. A new table or column with a sealed value,
 * a blind index, an email, an IP, or an account/subject/actor id fails the build until it is mapped.
 */
@KluisIntegrationTest
class PersonalDataCoverageIntegrationTests {

	/** Column names that hold, or point at, a person. */
	static final Pattern PERSONAL = Pattern.compile(
			".*_sealed|.*_index|.*email.*|.*_ip.*|principal_name|subject_id|account_id|actor_id|recipient|address_key");

	/** Tables of libraries, not of Kluis's modules. */
	static final Map<String, String> FRAMEWORK_TABLES = Map.of(
			"flyway_schema_history", "Flyway's migration log: script names and checksums",
			"event_publication", "Spring Modulith's publication registry: completed publications are deleted "
					+ "(completion-mode: delete); events carry ids, never names or addresses",
			"event_publication_archive", "Spring Modulith's archive, unused with completion-mode: delete");

	/** Columns that match {@link #PERSONAL} but are not personal data of a register category, and why. */
	static final Map<String, String> NOT_PERSONAL = Map.of(
			"crypto_data_keys.subject_id", "names whose data key a row is; the key bytes are destroyed at erasure "
					+ "(crypto-shredding) and the keyless row stays as evidence of it, pointing at nobody readable",
			"privacy_evidence.subject_id", "deletion evidence (RET-6, art. 5(2) accountability): the id of an account "
					+ "that no longer exists, with counts only",
			"privacy_closures.account_id", "closure evidence and resumability (RET-6): the id of an erased account, "
					+ "whose row and data key are gone",
			"privacy_closure_steps.account_id", "per-holder counts of a closure (RET-6), counts only, for an erased account",
			"storage_nodes.small_sealed", "a flag: whether the row's small_content is sealed under the owner's key; the "
					+ "contents themselves are mapped (stored-files)");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	ProcessingRegister register;

	@Test
	@DisplayName("PUR-3: every stored column that looks personal is mapped to a declared register category")
	void everyPersonalLookingColumnIsMapped() {
		var mapped = mappedColumns();
		var personal = new TreeSet<String>();
		var unmapped = new TreeSet<String>();
		for (String column : applicationColumns()) {
			String name = column.substring(column.indexOf('.') + 1);
			if (PERSONAL.matcher(name).matches()) {
				personal.add(column);
				if (!mapped.containsKey(column) && !NOT_PERSONAL.containsKey(column)) {
					unmapped.add(column);
				}
			}
		}
		assertThat(personal).as("the check sees personal-looking columns, so it can fail").contains(
				"identity_accounts.email_sealed", "identity_accounts.email_index",
				"identity_accounts.registration_ip_sealed", "spring_session.principal_name", "audit_entries.actor_id",
				"notifications_outbox.subject_id", "identity_app_passwords.account_id", "privacy_requests.email_index",
				"privacy_subject_states.account_id", "privacy_exports.account_id", "privacy_policy_notices.account_id");
		assertThat(unmapped).as("columns holding personal data without a register category: map them in the "
				+ "module's PersonalDataHolder.personalColumns() or list them as not personal, with the reason")
			.isEmpty();
	}

	@Test
	@DisplayName("PUR-3: every mapped column exists, and its category is declared and held by the mapping module")
	void everyMappingPointsAtARealColumnAndADeclaredCategory() {
		var columns = applicationColumns();
		for (var holder : holders) {
			holder.personalColumns().forEach((column, category) -> {
				assertThat(columns).as("column mapped by " + holder.module()).contains(column);
				assertThat(register.category(category)).as(column + " → " + category).isPresent()
					.get().extracting(ProcessingRegister.Category::heldBy).isEqualTo(holder.module());
			});
		}
		assertThat(columns).as("the exemptions name real columns").containsAll(NOT_PERSONAL.keySet());
		assertThat(columns).as("the scan saw the schema").contains("identity_accounts.email_sealed",
				"audit_entries.subject_id", "notifications_outbox.recipient");
	}

	@Test
	@DisplayName("PUR-3: no column is mapped by two modules")
	void noColumnIsMappedTwice() {
		var seen = new HashMap<String, String>();
		for (var holder : holders) {
			for (String column : holder.personalColumns().keySet()) {
				assertThat(seen.put(column, holder.module())).as(column).isNull();
			}
		}
	}

	private Map<String, String> mappedColumns() {
		var mapped = new HashMap<String, String>();
		holders.forEach(h -> mapped.putAll(h.personalColumns()));
		return mapped;
	}

	/** "table.column" of every base table of the application's schema, lower case. */
	private Set<String> applicationColumns() {
		var columns = new TreeSet<String>();
		jdbc.sql("select c.table_name, c.column_name from information_schema.columns c "
				+ "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
				+ "where c.table_schema = current_schema and t.table_type = 'BASE TABLE'")
			.query((rs, i) -> rs.getString(1).toLowerCase(Locale.ROOT) + "." + rs.getString(2).toLowerCase(Locale.ROOT))
			.list()
			.stream()
			.filter(c -> !FRAMEWORK_TABLES.containsKey(c.substring(0, c.indexOf('.'))))
			.forEach(columns::add);
		return columns;
	}
}
