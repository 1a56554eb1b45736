package io.kluis.billing.dunning;

import io.kluis.audit.AuditTrail;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.settlement.Settlements;
import io.kluis.privacy.Disclosure;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.Disclosures;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hand-off of an unpaid invoice to a collection agency (BIL-4): a staff decision, possible once the
 * dunning reached suspension and while an amount is open. What is sent to whom is recorded in privacy's
 * disclosure ledger (SHR-1), in the same transaction as the dunning step, so it appears in the
 * customer's export; the decision is audited with its reason.
 *
 * <p><b>What is sent</b> ({@link #CATEGORIES}, the register's categories the recipient receives): the
 * billing details (name and address), the email address, the invoice and the dunning history.
 */
@Service
public class Collections {

	/** The register's categories sent to the agency. */
	static final Set<String> CATEGORIES = Set.of("billing-profile", "contact-email", "invoices", "billing-dunning");

	/** The register's purpose the hand-off serves, and its legal basis. */
	static final String PURPOSE = "collection";

	static final String LEGAL_BASIS = "legitimate_interest";

	static final String LEGAL_GROUND = "Onbetaalde factuur na herinneringen en opschorting; overeenkomst met de klant "
			+ "(algemene voorwaarden) en art. 6 lid 1 onder f AVG";

	private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9#-]{0,32}");

	private static final Logger log = LoggerFactory.getLogger(Collections.class);

	private final DunningRecords records;

	private final Invoicing invoicing;

	private final Settlements settlements;

	private final Disclosures disclosures;

	private final AuditTrail audit;

	private final DunningProperties properties;

	private final Clock clock;

	Collections(DunningRecords records, Invoicing invoicing, Settlements settlements, Disclosures disclosures,
			AuditTrail audit, DunningProperties properties, Clock clock) {
		this.records = records;
		this.invoicing = invoicing;
		this.settlements = settlements;
		this.disclosures = disclosures;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the hand-off recorded. */
	public record HandOff(InvoiceId invoice, String invoiceNumber, String agency, DisclosureId disclosure) {
	}

	/** Where an invoice stands for a hand-off: before suspension, ready for one, or handed off. */
	public enum Stage {
		NOT_SUSPENDED, SUSPENDED, HANDED_OFF
	}

	/** The invoice's stage for the staff page (paid or not is {@link Settlements}' answer). */
	@Transactional(readOnly = true)
	public Stage stage(InvoiceId id) {
		if (records.has(id, DunningStep.COLLECTION)) {
			return Stage.HANDED_OFF;
		}
		return records.has(id, DunningStep.SUSPENSION) ? Stage.SUSPENDED : Stage.NOT_SUSPENDED;
	}

	/** The configured collection agencies (the register's recipient ids) staff may choose from. */
	public java.util.List<String> agencies() {
		return properties.collectionAgencies();
	}

	/**
	 * Hands the invoice to the agency.
	 *
	 * @throws NotFoundException when there is no such invoice
	 * @throws InvalidInputException for an agency that is not a configured collection agency, a missing
	 *         reason or a malformed ticket
	 * @throws ConflictException when the invoice is paid (or credited), not yet suspended, or handed off before
	 */
	@Transactional
	public HandOff handOff(AccountId staff, InvoiceId id, @Nullable String agency, @Nullable String reasonText,
			@Nullable String ticket) {
		CollectionReason reason = CollectionReason.parse(reasonText);
		String recipient = agency == null ? "" : agency.strip();
		if (!properties.collectionAgencies().contains(recipient)) {
			throw new InvalidInputException("agency", "agency: one of " + properties.collectionAgencies());
		}
		String t = ticket == null ? "" : ticket.strip();
		if (!TICKET.matcher(t).matches()) {
			throw new InvalidInputException("ticket", "ticket reference: up to 32 letters, digits, # or -");
		}
		IssuedInvoice invoice = invoicing.find(id)
			.filter(i -> i.kind() == io.kluis.billing.document.InvoiceDocument.Kind.INVOICE)
			.orElseThrow(() -> new NotFoundException("invoice"));
		if (settlements.openAmount(id).signum() <= 0) {
			throw new ConflictException("The invoice has nothing open: it is paid or credited.");
		}
		if (!records.has(id, DunningStep.SUSPENSION)) {
			throw new ConflictException("The dunning of this invoice has not reached suspension yet.");
		}
		if (records.has(id, DunningStep.COLLECTION)) {
			throw new ConflictException("The invoice was handed to a collection agency before.");
		}
		DisclosureId disclosure = disclosures.record(new Disclosure(recipient, invoice.account(), CATEGORIES, PURPOSE,
				LEGAL_BASIS, LEGAL_GROUND, invoice.number(), staff));
		if (!records.add(id, DunningStep.COLLECTION, invoice.account(), clock.instant(), recipient, disclosure.value())) {
			throw new ConflictException("The invoice was handed to a collection agency before.");
		}
		var details = new LinkedHashMap<String, String>();
		details.put("reason", reason.name());
		if (!t.isEmpty()) {
			details.put("ticket", t);
		}
		details.put("invoice", id.toString());
		details.put("agency", recipient);
		details.put("disclosure", disclosure.value().toString());
		audit.record("billing.invoice.handed-to-collection", staff, invoice.account(), details);
		log.info("event=billing.collection-hand-off invoice={} agency={}", id, recipient);
		return new HandOff(id, invoice.number(), recipient, disclosure);
	}
}
