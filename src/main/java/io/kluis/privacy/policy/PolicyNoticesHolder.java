package io.kluis.privacy.policy;

import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy pages' personal data for the privacy SPI: {@code policy-notices}, which significant
 * versions an account was mailed about and acknowledged (POL-2). Account ids and times only.
 * Erasure deletes them (the one way they are erased: an account closure reaches them through this
 * holder). Retention has nothing to do: the rule keeps them until the account is closed (trigger
 * {@code ACCOUNT_CLOSED}, period 0), and closing erases them at once.
 */
@Component
class PolicyNoticesHolder implements PersonalDataHolder {

	static final String NOTICES = "policy-notices";

	private final PolicyAcknowledgements acknowledgements;

	PolicyNoticesHolder(PolicyAcknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	@Override
	public String module() {
		return "privacy";
	}

	@Override
	public String id() {
		return "privacy.policy-notices";
	}

	@Override
	public Set<String> categories() {
		return Set.of(NOTICES);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("privacy_policy_notices.account_id", NOTICES, "privacy_policy_acknowledgements.account_id", NOTICES);
	}

	private static final List<String> COLUMNS = List.of("policyVersion", "notifiedAt", "acknowledgedAt");

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of(ExportedCategory.of(NOTICES, COLUMNS, List.of()));
		}
		var rows = acknowledgements.history(subject.account()).stream().map(n -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("policyVersion", n.version());
			row.put("notifiedAt", text(n.notifiedAt()));
			row.put("acknowledgedAt", text(n.acknowledgedAt()));
			return row;
		}).toList();
		return List.of(ExportedCategory.of(NOTICES, COLUMNS, rows));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		return subject.account() == null ? Erased.none() : Erased.of(NOTICES, acknowledgements.eraseFor(subject.account()));
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!NOTICES.equals(category)) {
			throw new IllegalArgumentException("the policy pages hold no category '" + category + "'");
		}
		return 0;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}
}
