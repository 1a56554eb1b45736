package io.kluis.storage.breakglass;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The break-glass records ({@value #CATEGORY}): personal data of the customer whose space it was (the
 * reason, the period) and of the staff who asked and decided.
 *
 * <p>A customer's export lists every request about them with its reason, period and outcome, but
 * not the staff members' ids. A staff member's export lists the requests they took part in and
 * their part, without the customer or the reason. Erasing the customer clears the reason (sealed
 * under their data key anyway) and ends open requests; the pseudonymous rest is kept, like the audit
 * trail, as evidence of who looked into whose space when (art. 5(2) accountability), and deleted by
 * the register's rule two years after the request ended.
 */
@Component
class BreakGlassDataHolder implements PersonalDataHolder {

	static final String CATEGORY = "break-glass-records";

	private final BreakGlassRequests requests;

	private final PersonalDataCipher cipher;

	private final Clock clock;

	BreakGlassDataHolder(BreakGlassRequests requests, PersonalDataCipher cipher, Clock clock) {
		this.requests = requests;
		this.cipher = cipher;
		this.clock = clock;
	}

	@Override
	public String module() {
		return "storage";
	}

	@Override
	public String id() {
		return "storage.break-glass";
	}

	@Override
	public Set<String> categories() {
		return Set.of(CATEGORY);
	}

	@Override
	public Set<String> keptOnErasure() {
		return Set.of(CATEGORY);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("storage_break_glass.account_id", CATEGORY, "storage_break_glass.reason_sealed", CATEGORY,
				"storage_break_glass.requested_by", CATEGORY, "storage_break_glass.decided_by", CATEGORY,
				"storage_break_glass.ended_by", CATEGORY);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		AccountId account = subject.account();
		if (account == null) {
			return List.of();
		}
		var records = new ArrayList<Map<String, Object>>();
		for (BreakGlassRequest r : requests.ofCustomer(account)) {
			Map<String, Object> record = common(r, "customer");
			record.put("space", r.space().toString());
			record.put("reason", r.reason() == null || cipher.isDestroyed(account) ? ""
					: cipher.open(account, BreakGlass.REASON_FIELD, r.reason()));
			records.add(record);
		}
		for (BreakGlassRequest r : requests.involvingStaff(account)) {
			String part = account.equals(r.requestedBy()) ? "requested" : account.equals(r.decidedBy()) ? "decided" : "ended";
			records.add(common(r, part));
		}
		return List.of(ExportedCategory.of(CATEGORY, List.of("request", "role", "state", "requested", "hours", "decided",
				"accessUntil", "ended", "space", "reason"), records));
	}

	private static Map<String, Object> common(BreakGlassRequest r, String role) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("request", r.id().toString());
		record.put("role", role);
		record.put("state", r.state().name());
		record.put("requested", r.requestedAt().toString());
		record.put("hours", r.duration().toHours());
		record.put("decided", r.decidedAt() == null ? "" : r.decidedAt().toString());
		record.put("accessUntil", r.expiresAt() == null ? "" : r.expiresAt().toString());
		record.put("ended", r.endedAt() == null ? "" : r.endedAt().toString());
		return record;
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		int kept = requests.forgetCustomer(subject.account(), clock.instant())
				+ requests.involvingStaff(subject.account()).size();
		return kept == 0 ? Erased.none() : new Erased(Map.of(), Map.of(CATEGORY, kept));
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!CATEGORY.equals(category)) {
			throw new IllegalArgumentException("storage holds no category '" + category + "' here");
		}
		return dryRun ? requests.countEndedBefore(cutoff) : requests.deleteEndedBefore(cutoff);
	}
}
