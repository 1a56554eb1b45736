package io.kluis.billing.invoices;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register's {@code invoices} category: issued invoices and credit notes with the buyer's details,
 * the fiscal record (RET-3, BIL-5).
 *
 * <p><b>Export</b> (RIG-1, RIG-8): every document of the account, also after the account was closed
 * (the fiscal key still opens it), found by account or, for a former customer whose account is gone, by
 * the blind index of the address the invoices were sent to. <b>Erasure</b> keeps the documents (legal hold, art. 52 AWR) and
 * minimises them: the buyer's email goes (sealed under the account's key, which closure destroys
 * anyway; its blind index stays so the former customer can still ask for the record); the name, address, VAT and KvK numbers art. 226 requires stay, sealed under the fiscal key.
 * <b>Retention</b> (trigger {@code fiscal_year_end}): a document goes with its fiscal year once the end
 * of that year lies the rule's period (7 years) before the run's moment, and the fiscal keys of those
 * years are destroyed with it, so backups cannot read them either.
 */
@Component
class InvoicesDataHolder implements PersonalDataHolder {

	static final String CATEGORY = "invoices";

	private static final List<String> COLUMNS = List.of("number", "kind", "issueDate", "dueDate", "customerNumber",
			"buyerName", "companyName", "street", "postalCode", "city", "country", "vatNumber", "kvkNumber", "email",
			"vatScheme", "taxExclusive", "vat", "taxInclusive", "correctsInvoice", "minimisedAt");

	private final Invoices invoices;

	private final InvoicingService invoicing;

	private final PersonalDataCipher cipher;

	private final InvoicingProperties properties;

	private final java.time.Clock clock;

	InvoicesDataHolder(Invoices invoices, InvoicingService invoicing, PersonalDataCipher cipher,
			InvoicingProperties properties, java.time.Clock clock) {
		this.invoices = invoices;
		this.invoicing = invoicing;
		this.cipher = cipher;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String module() {
		return "billing";
	}

	@Override
	public String id() {
		return "billing.invoices";
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
		return Map.of("billing_invoices.account_id", CATEGORY, "billing_invoices.customer_number", CATEGORY,
				"billing_invoices.fiscal_subject_id", CATEGORY, "billing_invoices.buyer_sealed", CATEGORY,
				"billing_invoices.buyer_email_sealed", CATEGORY, "billing_invoices.buyer_email_index", CATEGORY,
				"billing_invoices.buyer_country", CATEGORY);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		var rows = new ArrayList<Map<String, Object>>();
		for (var id : ids(subject)) {
			var stored = invoices.stored(id).orElseThrow();
			var buyer = invoicing.openBuyer(stored);
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("number", stored.number());
			row.put("kind", stored.kind().name());
			row.put("issueDate", stored.issueDate().toString());
			row.put("dueDate", text(stored.dueDate()));
			row.put("customerNumber", stored.customerNumber().value());
			row.put("buyerName", buyer.name());
			row.put("companyName", text(buyer.companyName()));
			row.put("street", buyer.street());
			row.put("postalCode", buyer.postalCode());
			row.put("city", buyer.city());
			row.put("country", buyer.countryCode());
			row.put("vatNumber", text(buyer.vatNumber()));
			row.put("kvkNumber", text(buyer.kvkNumber()));
			row.put("email", text(invoicing.openEmail(stored)));
			row.put("vatScheme", stored.vatScheme().name());
			row.put("taxExclusive", stored.totals().taxExclusive().toPlainString());
			row.put("vat", stored.totals().vatTotal().toPlainString());
			row.put("taxInclusive", stored.totals().taxInclusive().toPlainString());
			row.put("correctsInvoice", text(stored.precedingNumber()));
			row.put("minimisedAt", text(stored.minimisedAt()));
			rows.add(row);
		}
		return List.of(ExportedCategory.of(CATEGORY, COLUMNS, rows));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		var ids = ids(subject);
		for (var id : ids) {
			invoices.minimise(id, clock.instant());
		}
		return new Erased(Map.of(), ids.isEmpty() ? Map.of() : Map.of(CATEGORY, ids.size()));
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!CATEGORY.equals(category)) {
			throw new IllegalArgumentException("not a category of billing's invoices: " + category);
		}
		int lastYear = lastExpiredYear(cutoff);
		if (dryRun) {
			return invoices.countUpTo(lastYear);
		}
		var subjects = invoices.fiscalSubjectsUpTo(lastYear);
		int removed = invoices.deleteUpTo(lastYear);
		for (var subject : subjects) {
			cipher.destroyDataKey(new AccountId(subject));
		}
		return removed;
	}

	/**
	 * The subject's documents: by account, and by the blind index of the address for a former customer
	 * whose account is gone (RIG-8) or for documents of another account issued to the same address.
	 */
	private List<java.util.UUID> ids(DataSubject subject) {
		var ids = new java.util.LinkedHashSet<java.util.UUID>();
		if (subject.account() != null) {
			ids.addAll(invoices.idsOf(subject.account()));
		}
		if (subject.email() != null) {
			ids.addAll(invoices.idsOfEmail(invoicing.emailIndex(subject.email().value())));
		}
		return List.copyOf(ids);
	}

	/**
	 * The last fiscal year whose end (1 January of the next year, 00:00 in the invoicing zone) lies at
	 * or before the cutoff: the end of year Y is on or before the cutoff exactly when Y + 1 is at most
	 * the cutoff's year.
	 */
	int lastExpiredYear(Instant cutoff) {
		ZonedDateTime at = cutoff.atZone(properties.zone());
		return at.getYear() - 1;
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : value.toString();
	}
}
