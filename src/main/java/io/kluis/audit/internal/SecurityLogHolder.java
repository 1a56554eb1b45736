package io.kluis.audit.internal;

import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditTrail;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The audit module's personal data (the security log), exported, erased and expired through the
 * audit trail's own API; its holder id stays {@code audit} (the module name), under which account
 * closures in progress recorded its step.
 *
 * <p>Erasure keeps the entries and reports them as kept: they carry only the account id, event codes
 * and non-personal details (pseudonymous once the account row and data key are gone), they are the
 * hash-chained evidence of who did what (including the erasure itself, art. 5(2) accountability),
 * and removing single entries would break the chain. They are deleted by their own retention rule
 * (the register's {@code security-log}, 2 years after the event), oldest first.
 */
@Component
class SecurityLogHolder implements PersonalDataHolder {

	static final String SECURITY_LOG = "security-log";

	private final AuditTrail trail;

	SecurityLogHolder(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public String module() {
		return "audit";
	}

	@Override
	public Set<String> categories() {
		return Set.of(SECURITY_LOG);
	}

	@Override
	public Set<String> keptOnErasure() {
		return Set.of(SECURITY_LOG);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("audit_entries.actor_id", SECURITY_LOG, "audit_entries.subject_id", SECURITY_LOG);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		var records = trail.aboutSubject(subject.account()).stream().map(e -> row(e, subject)).toList();
		return List.of(ExportedCategory.of(SECURITY_LOG, List.of("sequence", "occurredAt", "code", "role", "details"),
				records));
	}

	private static Map<String, Object> row(AuditEntry entry, DataSubject subject) {
		var row = new LinkedHashMap<String, Object>();
		row.put("sequence", entry.sequence());
		row.put("occurredAt", entry.occurredAt().toString());
		row.put("code", entry.code());
		row.put("role", subject.account().equals(entry.subject()) ? "subject" : "actor");
		row.put("details", entry.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
			.collect(Collectors.joining(" ")));
		return row;
	}

	@Override
	public Erased erase(DataSubject subject) {
		int kept = subject.account() == null ? 0 : trail.aboutSubject(subject.account()).size();
		return new Erased(Map.of(), kept == 0 ? Map.of() : new TreeMap<>(Map.of(SECURITY_LOG, kept)));
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!SECURITY_LOG.equals(category)) {
			throw new IllegalArgumentException("audit holds no category '" + category + "'");
		}
		return dryRun ? trail.countBefore(cutoff) : trail.deleteBefore(cutoff);
	}
}
