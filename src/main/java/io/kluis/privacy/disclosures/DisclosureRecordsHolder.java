package io.kluis.privacy.disclosures;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's side of the privacy SPI ({@value #CATEGORY}).
 *
 * <p>A customer's export lists every disclosure of their data: to whom, which categories, for which
 * purpose, on which basis and ground, the reference and when (art. 15(1)(c): the recipients to whom
 * data was disclosed). A staff member's export lists the disclosures they recorded, without the
 * customer or the reference.
 *
 * <p><b>Erasure</b> keeps the records: the register's rule is a legal hold (accountability, art. 5(2):
 * showing who received what, and that it was lawful), so they are counted as kept. The reference,
 * sealed under the customer's key, is cleared; what stays is pseudonymous (an account id that no longer
 * leads to anyone, register ids, the legal ground) and is deleted by the register's rule two years
 * after the disclosure (trigger {@code RECORDED}).
 */
@Component
class DisclosureRecordsHolder implements PersonalDataHolder {

	static final String CATEGORY = "disclosure-records";

	static final List<String> COLUMNS = List.of("disclosure", "role", "disclosedAt", "recipient", "recipientName",
			"categories", "purpose", "legalBasis", "legalGround", "reference");

	private final DisclosureRecords records;

	private final ProcessingRegister register;

	private final PersonalDataCipher cipher;

	DisclosureRecordsHolder(DisclosureRecords records, ProcessingRegister register, PersonalDataCipher cipher) {
		this.records = records;
		this.register = register;
		this.cipher = cipher;
	}

	@Override
	public String module() {
		return "privacy";
	}

	@Override
	public String id() {
		return "privacy.disclosures";
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
		return Map.of("privacy_disclosures.account_id", CATEGORY, "privacy_disclosures.reference_sealed", CATEGORY,
				"privacy_disclosures.recorded_by", CATEGORY);
	}

	@Override
	@Transactional(readOnly = true)
	public List<ExportedCategory> export(DataSubject subject) {
		AccountId account = subject.account();
		var rows = new ArrayList<Map<String, Object>>();
		if (account != null) {
			boolean readable = !cipher.isDestroyed(account);
			for (RecordedDisclosure d : records.about(account)) {
				var row = common(d, "subject");
				row.put("reference", d.reference() == null || !readable ? ""
						: cipher.open(account, DisclosureLedger.REFERENCE_FIELD, d.reference()));
				rows.add(row);
			}
			for (RecordedDisclosure d : records.recordedBy(account)) {
				rows.add(common(d, "recorded"));
			}
		}
		return List.of(ExportedCategory.of(CATEGORY, COLUMNS, rows));
	}

	private Map<String, Object> common(RecordedDisclosure d, String role) {
		var row = new LinkedHashMap<String, Object>();
		row.put("disclosure", d.id().toString());
		row.put("role", role);
		row.put("disclosedAt", d.disclosedAt().toString());
		row.put("recipient", d.recipient());
		row.put("recipientName", register.recipients().stream().filter(r -> r.id().equals(d.recipient()))
			.map(ProcessingRegister.Recipient::name).findFirst().orElse(""));
		row.put("categories", String.join(",", d.categories()));
		row.put("purpose", d.purpose());
		row.put("legalBasis", "art. " + d.legalBasis().article() + " GDPR");
		row.put("legalGround", d.legalGround() == null ? "" : d.legalGround());
		row.put("reference", "");
		return row;
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		int kept = records.forgetReferences(subject.account()) + records.recordedBy(subject.account()).size();
		return kept == 0 ? Erased.none() : new Erased(Map.of(), Map.of(CATEGORY, kept));
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!CATEGORY.equals(category)) {
			throw new IllegalArgumentException("the disclosure ledger holds no category '" + category + "'");
		}
		return dryRun ? records.countDisclosedBefore(cutoff) : records.deleteDisclosedBefore(cutoff);
	}
}
