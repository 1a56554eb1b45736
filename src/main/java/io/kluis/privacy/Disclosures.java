package io.kluis.privacy;

/**
 * The disclosure ledger (SHR-1, SHR-6): every module that hands a customer's personal data to a third
 * party (billing to the payment provider or a collection agency, domains to the registrar or a CA,
 * the privacy officer to an authority) records it here, in the same transaction as the hand-off. The
 * published statement promises that every disclosure is recorded; the subject finds each one in their
 * data export and staff in {@code /admin/privacy/disclosures}.
 *
 * <p>A disclosure must match the processing register: the recipient is one of its recipients, the
 * categories are ones the register says that recipient receives and the purpose uses, and the legal
 * basis is the purpose's. Anything else is refused, so the ledger can never record a disclosure the
 * published statement does not announce. Each recorded disclosure is also audited
 * ({@code privacy.disclosure.recorded}).
 */
public interface Disclosures {

	/**
	 * Records a disclosure made now (the time comes from the application clock).
	 *
	 * @throws io.kluis.shared.web.InvalidInputException (400) when the disclosure does not match the
	 *         register, naming the field and the rule, never the value
	 * @throws io.kluis.shared.web.ConflictException (409) when a reference is given for a subject whose
	 *         data was erased (its key is destroyed, so the reference could not be kept)
	 */
	DisclosureId record(Disclosure disclosure);
}
