package io.kluis.privacy.rights;

import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rights engine's own personal data for the privacy SPI: {@code data-exports} (export jobs and
 * their encrypted ZIPs) and {@code processing-restrictions} (restriction and objection states).
 *
 * <p>Erasure deletes both: the ZIP files first, then the rows. It is the only place that does: an
 * account closure reaches them through this holder like every other module's data, as a step of its
 * own, so they are counted in the evidence record and erased once.
 *
 * <p>Retention: an export goes 7 days after it was ready (a build that never finished, 7 days after
 * it was asked for); the hourly housekeeping already deletes it when its download link expires, this
 * rule is the register's guarantee behind it. Restriction and objection are kept until lifted (the
 * row goes then) or until the account is closed (erased at closure), so nothing is left to expire.
 */
@Component
class RightsDataHolder implements PersonalDataHolder {

	static final String EXPORTS = "data-exports";

	static final String STATES = "processing-restrictions";

	private final Exports exports;

	private final ExportFiles files;

	private final SubjectStates states;

	RightsDataHolder(Exports exports, ExportFiles files, SubjectStates states) {
		this.exports = exports;
		this.files = files;
		this.states = states;
	}

	@Override
	public String module() {
		return "privacy";
	}

	@Override
	public String id() {
		return "privacy.rights";
	}

	@Override
	public Set<String> categories() {
		return Set.of(EXPORTS, STATES);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("privacy_exports.account_id", EXPORTS, "privacy_exports.file_key", EXPORTS,
				"privacy_export_chunks.content", EXPORTS, "privacy_subject_states.account_id", STATES);
	}

	private static final List<String> EXPORT_COLUMNS = List.of("id", "status", "requestedAt", "readyAt", "expiresAt",
			"sizeBytes");

	private static final List<String> STATE_COLUMNS = List.of("restrictedSince", "objectedSince");

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		var account = subject.account();
		if (account == null) {
			return List.of(ExportedCategory.of(EXPORTS, EXPORT_COLUMNS, List.of()),
					ExportedCategory.of(STATES, STATE_COLUMNS, List.of()));
		}
		var jobs = exports.of(account).stream().map(RightsDataHolder::row).toList();
		var state = states.of(account);
		List<Map<String, Object>> stateRows = state.restricted() || state.objected()
				? List.of(stateRow(state)) : List.of();
		return List.of(ExportedCategory.of(EXPORTS, EXPORT_COLUMNS, jobs),
				ExportedCategory.of(STATES, STATE_COLUMNS, stateRows));
	}

	private static Map<String, Object> row(Export export) {
		var row = new LinkedHashMap<String, Object>();
		row.put("id", export.id().toString());
		row.put("status", export.status().name());
		row.put("requestedAt", export.createdAt().toString());
		row.put("readyAt", text(export.readyAt()));
		row.put("expiresAt", text(export.expiresAt()));
		row.put("sizeBytes", export.size());
		return row;
	}

	private static Map<String, Object> stateRow(SubjectStates.State state) {
		var row = new LinkedHashMap<String, Object>();
		row.put("restrictedSince", text(state.restrictedAt()));
		row.put("objectedSince", text(state.objectedAt()));
		return row;
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		var account = subject.account();
		if (account == null) {
			return Erased.none();
		}
		var all = exports.of(account);
		all.forEach(export -> delete(export.id()));
		int forgotten = states.forget(account);
		var removed = new LinkedHashMap<String, Integer>();
		removed.put(EXPORTS, all.size());
		removed.put(STATES, forgotten);
		return new Erased(removed, Map.of());
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case EXPORTS:
				var expired = exports.madeBefore(cutoff);
				if (!dryRun) {
					expired.forEach(this::delete);
				}
				return expired.size();
			case STATES:
				// Trigger ACCOUNT_CLOSED, period 0: erased at closure, deleted when lifted.
				return 0;
			default:
				throw new IllegalArgumentException("the rights engine holds no category '" + category + "'");
		}
	}

	/** Row and content (the foreign key would delete the content with the row anyway). */
	private void delete(UUID id) {
		files.delete(id);
		exports.delete(id);
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}
}
