package io.kluis.billing.dunning;

import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dunning's personal data, the register category {@code billing-dunning}: which reminders were sent for
 * which invoice, when services were suspended and whether (and to which agency) a claim was handed over.
 * Erased with the account, deleted 2 years after each step otherwise (retention trigger {@code recorded}).
 * The settlements (what has been paid of an invoice) hold no personal data of their own: they belong to
 * the invoice, in the fiscal record, and go with it.
 */
@Component
class DunningDataHolder implements PersonalDataHolder {

	static final String CATEGORY = "billing-dunning";

	private final DunningRecords records;

	private final Invoicing invoicing;

	DunningDataHolder(DunningRecords records, Invoicing invoicing) {
		this.records = records;
		this.invoicing = invoicing;
	}

	@Override
	public String module() {
		return "billing";
	}

	@Override
	public String id() {
		return "billing.dunning";
	}

	@Override
	public Set<String> categories() {
		return Set.of(CATEGORY);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("billing_dunning_steps.account_id", CATEGORY);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		List<Map<String, Object>> rows = records.of(subject.account()).stream().map(r -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("invoiceNumber", invoicing.find(r.invoice()).map(IssuedInvoice::number).orElse(""));
			row.put("step", r.step().name());
			row.put("at", r.doneAt().toString());
			row.put("agency", r.agency() == null ? "" : r.agency());
			return row;
		}).toList();
		return List.of(ExportedCategory.of(CATEGORY, List.of("invoiceNumber", "step", "at", "agency"), rows));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		int removed = records.deleteFor(subject.account());
		return new Erased(Map.of(CATEGORY, removed), Map.of());
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!CATEGORY.equals(category)) {
			throw new IllegalArgumentException("not a category of billing's dunning: " + category);
		}
		return records.deleteDoneBefore(cutoff, dryRun);
	}
}
