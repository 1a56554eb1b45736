package io.kluis.privacy.disclosures;

import io.kluis.audit.AuditTrail;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.privacy.Disclosure;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.Disclosures;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.Category;
import io.kluis.privacy.register.ProcessingRegister.Purpose;
import io.kluis.privacy.register.ProcessingRegister.Recipient;
import io.kluis.privacy.register.ProcessingRegister.RecipientRole;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger as staff use it: administrators and the privacy officer read it; only the privacy officer
 * records a disclosure to an authority (SHR-6), with the legal ground that obliged it. Such a
 * disclosure is audited like every other ({@link DisclosureRecorded}), with the officer as actor.
 * Reading the ledger is audited too ({@value #READ_CODE}), as every staff read of personal data is:
 * one entry per view, with the subject when one subject's disclosures are opened. The unfiltered
 * overview is one entry without a subject (counting the subjects shown), not one per row: a page
 * view must not append up to {@value #OVERVIEW_SIZE} entries to the chain under its lock.
 */
@Service
public class StaffDisclosures {

	static final int OVERVIEW_SIZE = 200;

	/** The audit code of a staff read of the ledger. */
	static final String READ_CODE = "privacy.disclosures.read-by-staff";

	/** A disclosure as staff see it, the reference opened ({@code null} once the subject was erased). */
	public record Listed(RecordedDisclosure disclosure, String recipientName, @Nullable Purpose purpose,
			@Nullable String reference) {

		@Override
		public String toString() {
			return "Listed[" + disclosure.id() + "]";
		}
	}

	private final Disclosures ledger;

	private final DisclosureRecords records;

	private final ProcessingRegister register;

	private final AccountDirectory directory;

	private final PersonalDataCipher cipher;

	private final AuditTrail audit;

	StaffDisclosures(Disclosures ledger, DisclosureRecords records, ProcessingRegister register,
			AccountDirectory directory, PersonalDataCipher cipher, AuditTrail audit) {
		this.ledger = ledger;
		this.records = records;
		this.register = register;
		this.directory = directory;
		this.cipher = cipher;
		this.audit = audit;
	}

	/**
	 * The newest disclosures, of one subject when given. The read is audited, with {@code staff} as
	 * actor, before anything is returned.
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
	public List<Listed> overview(@Nullable AccountId subject, AccountId staff) {
		var recent = records.recent(subject, OVERVIEW_SIZE);
		var details = new LinkedHashMap<String, String>();
		details.put("shown", Integer.toString(recent.size()));
		if (subject == null) {
			details.put("subjects", Long.toString(recent.stream().map(RecordedDisclosure::subject).distinct().count()));
		}
		audit.record(READ_CODE, staff, subject, details);
		return recent.stream().map(this::listed).toList();
	}

	/** The recipients a privacy officer may record a disclosure to here: the register's authorities. */
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	public List<Recipient> authorities() {
		return register.recipients().stream().filter(r -> r.role() == RecipientRole.AUTHORITY).toList();
	}

	/** The categories an authority of the register may receive, in the register's order. */
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	public List<Category> authorityCategories() {
		var received = authorities().stream().flatMap(r -> r.categories().stream()).toList();
		return register.categories().stream().filter(c -> received.contains(c.id())).toList();
	}

	/** The purposes that may be named: those using a category an authority receives. */
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	public List<Purpose> purposes() {
		var received = authorities().stream().flatMap(r -> r.categories().stream()).toList();
		return register.purposes().stream().filter(p -> p.categories().stream().anyMatch(received::contains)).toList();
	}

	/**
	 * Records a disclosure to an authority of the register. The legal basis is the purpose's (the
	 * ledger checks the rest against the register); the customer must be a current account.
	 *
	 * @param customer the account id as typed (from the customer's page)
	 */
	@Transactional
	@PreAuthorize("hasRole('PRIVACY_OFFICER')")
	public DisclosureId recordForAuthority(String customer, String recipient, Set<String> categories, String purpose,
			String legalGround, String reference, AccountId officer) {
		AccountId subject = customer(customer);
		Recipient to = register.recipients().stream().filter(r -> r.id().equals(recipient)).findFirst()
			.orElseThrow(() -> new InvalidInputException("recipient",
					"Unknown recipient: only the recipients of the processing register may receive personal data (SHR-1)."));
		if (to.role() != RecipientRole.AUTHORITY) {
			throw new InvalidInputException("recipient", "Here only disclosures to an authority are recorded (SHR-6); "
					+ "other disclosures are recorded by the module that makes them.");
		}
		String basis = register.purposes().stream().filter(p -> p.id().equals(purpose)).findFirst()
			.map(p -> DisclosureRules.spelled(p.legalBasis()))
			.orElseThrow(() -> new InvalidInputException("purpose", "Unknown purpose: use a purpose of the processing register."));
		return ledger.record(new Disclosure(recipient, subject, categories, purpose, basis, legalGround, reference, officer));
	}

	private AccountId customer(String typed) {
		AccountId account;
		try {
			account = new AccountId(UUID.fromString(typed.strip()));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("customer", "Enter the customer's account id, as shown on the customer's page.");
		}
		if (directory.contact(account).isEmpty()) {
			throw new InvalidInputException("customer", "There is no current account with this id.");
		}
		return account;
	}

	private Listed listed(RecordedDisclosure d) {
		String name = register.recipients().stream().filter(r -> r.id().equals(d.recipient())).findFirst()
			.map(Recipient::name).orElse(d.recipient());
		Purpose purpose = register.purposes().stream().filter(p -> p.id().equals(d.purpose())).findFirst().orElse(null);
		String reference = d.reference() == null || cipher.isDestroyed(d.subject()) ? null
				: cipher.open(d.subject(), DisclosureLedger.REFERENCE_FIELD, d.reference());
		return new Listed(d, name, purpose, reference);
	}
}
