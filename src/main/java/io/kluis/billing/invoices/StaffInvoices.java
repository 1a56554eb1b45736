package io.kluis.billing.invoices;

import io.kluis.audit.AuditTrail;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff (BILLING) reading invoices: every read is audited with its reason in the same
 * transaction (SEC-4), as identity's staff reads are, so a read whose entry cannot be written fails.
 * A list names customers by customer number and amounts (audited without a subject, with the count);
 * opening one invoice shows the buyer (audited with the customer as subject); the CSV export for the
 * accountant is audited with its period and count. Used by the staff API ({@code InvoicesAdminApi}) and the
 * staff pages ({@code io.kluis.billing.web.InvoicesAdminController}) alike; a full credit note issued by
 * staff is audited here too.
 */
@Service
@PreAuthorize("hasRole('BILLING')")
public class StaffInvoices {

	/** Why a staff member reads billing data; codes only (free text could hold personal data). */
	public enum Reason {
		BILLING_QUERY, ACCOUNTING, TAX_AUDIT, SUPPORT_REQUEST, DATA_SUBJECT_REQUEST, LEGAL_OBLIGATION;

		public static Reason parse(@Nullable String text) {
			if (text != null) {
				for (var reason : values()) {
					if (reason.name().equalsIgnoreCase(text.strip())) {
						return reason;
					}
				}
			}
			throw new InvalidInputException("reason", "reason is required: one of BILLING_QUERY, ACCOUNTING, "
					+ "TAX_AUDIT, SUPPORT_REQUEST, DATA_SUBJECT_REQUEST, LEGAL_OBLIGATION");
		}
	}

	private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9#-]{0,32}");

	static final int LIMIT = 1000;

	private final Invoices invoices;

	private final InvoicingService invoicing;

	private final AuditTrail audit;

	StaffInvoices(Invoices invoices, InvoicingService invoicing, AuditTrail audit) {
		this.invoices = invoices;
		this.invoicing = invoicing;
		this.audit = audit;
	}

	@Transactional
	public List<IssuedInvoice> search(AccountId staff, Reason reason, String ticket, @Nullable String query,
			@Nullable LocalDate from, @Nullable LocalDate to) {
		String q = query == null || query.isBlank() ? null : query.strip().toUpperCase(Locale.ROOT);
		if (q != null && !q.matches("[A-Z0-9-]{1,20}")) {
			throw new InvalidInputException("q", "q: an invoice number (or its start) or a customer number");
		}
		var found = invoices.search(q, from, to, LIMIT);
		var details = details(reason, ticket);
		details.put("count", String.valueOf(found.size()));
		audit.record("billing.invoices.listed-by-staff", staff, single(found), details);
		return found;
	}

	@Transactional
	public InvoiceDocument open(AccountId staff, Reason reason, String ticket, InvoiceId id) {
		var invoice = invoices.find(id.value()).orElseThrow(() -> new NotFoundException("invoice"));
		var details = details(reason, ticket);
		details.put("invoice", id.toString());
		audit.record("billing.invoices.read-by-staff", staff, invoice.account(), details);
		return invoicing.toDocument(id);
	}

	/** The accountant's export: every document issued in the period, with the buyer named. */
	@Transactional
	public List<InvoiceDocument> export(AccountId staff, Reason reason, String ticket, LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "to is on or after from");
		}
		var found = invoices.search(null, from, to, Integer.MAX_VALUE);
		var details = details(reason, ticket);
		details.put("from", from.toString());
		details.put("to", to.toString());
		details.put("count", String.valueOf(found.size()));
		audit.record("billing.invoices.exported-by-staff", staff, null, details);
		return found.stream().map(i -> invoicing.toDocument(i.id())).toList();
	}

	/** {@link #export} as the accountant's CSV ({@link InvoiceCsv}). */
	@Transactional
	public String exportCsv(AccountId staff, Reason reason, String ticket, LocalDate from, LocalDate to) {
		return InvoiceCsv.of(export(staff, reason, ticket, from, to));
	}

	/**
	 * A credit note for the whole invoice, issued by staff: {@code text} is printed on the credit note
	 * (no personal data); the audit entry names the invoice and the credit note, not the text.
	 */
	@Transactional
	public IssuedInvoice creditInFull(AccountId staff, String ticket, InvoiceId id, String text) {
		var invoice = invoices.find(id.value())
			.filter(i -> i.kind() == InvoiceDocument.Kind.INVOICE)
			.orElseThrow(() -> new NotFoundException("invoice"));
		String t = validTicket(ticket);
		var credit = invoicing.credit(id, CreditRequest.full(text));
		var details = new LinkedHashMap<String, String>();
		if (!t.isEmpty()) {
			details.put("ticket", t);
		}
		details.put("invoice", id.toString());
		details.put("creditNote", credit.id().toString());
		audit.record("billing.invoices.credited-by-staff", staff, invoice.account(), details);
		return credit;
	}

	/** A search that found one customer's documents only names that customer as the subject. */
	private static @Nullable AccountId single(List<IssuedInvoice> found) {
		var accounts = found.stream().map(IssuedInvoice::account).distinct().toList();
		return accounts.size() == 1 ? accounts.get(0) : null;
	}

	private static Map<String, String> details(Reason reason, String ticket) {
		String t = validTicket(ticket);
		var details = new LinkedHashMap<String, String>();
		details.put("reason", reason.name());
		if (!t.isEmpty()) {
			details.put("ticket", t);
		}
		return details;
	}

	private static String validTicket(@Nullable String ticket) {
		String t = ticket == null ? "" : ticket.strip();
		if (!TICKET.matcher(t).matches()) {
			throw new InvalidInputException("ticket", "ticket reference: up to 32 letters, digits, # or -");
		}
		return t;
	}
}
