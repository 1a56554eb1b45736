package io.kluis.billing.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An issued invoice or credit note with everything art. 226 of Directive 2006/112/EC and EN 16931
 * require, final and immutable: the PDF and the UBL e-invoice are renderings of this value and compute
 * nothing themselves. Amounts are in {@link #currency()} with two decimals (EN 16931: line net amounts,
 * the VAT per category and rate, and the totals are each rounded half up to two decimals; VAT is
 * computed per category and rate on the sum of the line net amounts, not per line).
 *
 * <p>{@code toString()} names the kind and number only: the parties are personal data.
 *
 * @param kind an invoice (UNTDID 1001 code 380) or a credit note (381)
 * @param number the gap-free number, e.g. {@code 2026-000042}
 * @param precedingInvoice for a credit note, the invoice it corrects (EN 16931 BG-3); else null
 * @param paymentReference the structured reference a bank transfer must quote (BT-83)
 * @param customerNumber the customer number (ACC-5), also the buyer reference (BT-10)
 * @param dueDate when payment is due; null for a credit note
 * @param period the invoicing period (BG-14), if the invoice covers one
 * @param note a free text for the customer (BT-22), e.g. the reverse-charge statement; may be null
 */
public record InvoiceDocument(
		Kind kind,
		String number,
		LocalDate issueDate,
		@Nullable LocalDate dueDate,
		@Nullable Period period,
		String currency,
		Locale language,
		@Nullable Preceding precedingInvoice,
		String paymentReference,
		String customerNumber,
		Party seller,
		Party buyer,
		@Nullable PaymentAccount payTo,
		List<Line> lines,
		List<VatBreakdown> vat,
		Totals totals,
		@Nullable String note) {

	public InvoiceDocument {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(number, "number");
		Objects.requireNonNull(issueDate, "issueDate");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(paymentReference, "paymentReference");
		Objects.requireNonNull(customerNumber, "customerNumber");
		Objects.requireNonNull(seller, "seller");
		Objects.requireNonNull(buyer, "buyer");
		Objects.requireNonNull(totals, "totals");
		lines = List.copyOf(lines);
		vat = List.copyOf(vat);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("an invoice has at least one line");
		}
		if (kind == Kind.CREDIT_NOTE && precedingInvoice == null) {
			throw new IllegalArgumentException("a credit note refers to the invoice it corrects");
		}
	}

	@Override
	public String toString() {
		return "InvoiceDocument[" + kind + " " + number + "]";
	}

	public enum Kind {
		INVOICE("380"), CREDIT_NOTE("381");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		/** The UNTDID 1001 document type code (BT-3). */
		public String code() {
			return code;
		}
	}

	/** The invoice a credit note corrects (BG-3). */
	public record Preceding(String number, LocalDate issueDate) {
	}

	/** A period from {@code start} to {@code end}, both inclusive (BG-14, BG-26). */
	public record Period(LocalDate start, LocalDate end) {
	}

	/**
	 * Seller or buyer. {@code companyId} is the Dutch KvK number (scheme 0106) where there is one;
	 * {@code vatNumber} includes the country prefix (NL…B01); a consumer has neither.
	 * {@code electronicAddress} is the Peppol endpoint (BT-34/BT-49): scheme and id, e.g. 0106 and a
	 * KvK number, or EM and an email address.
	 */
	public record Party(
			String name,
			String street,
			String postalCode,
			String city,
			String countryCode,
			@Nullable String vatNumber,
			@Nullable String companyId,
			@Nullable String email,
			ElectronicAddress electronicAddress) {

		@Override
		public String toString() {
			return "Party[" + countryCode + "]";
		}
	}

	public record ElectronicAddress(String scheme, String id) {

		@Override
		public String toString() {
			return "ElectronicAddress[" + scheme + "]";
		}
	}

	/** Where a bank transfer goes (BG-17): the seller's account. */
	public record PaymentAccount(String iban, @Nullable String bic, String accountName) {
	}

	/**
	 * One line (BG-25). {@code unitCode} is a UN/ECE Recommendation 20 code ({@code C62} one,
	 * {@code MON} month, {@code ANN} year). {@code netAmount} = quantity × unit price, rounded.
	 */
	public record Line(
			String id,
			String description,
			BigDecimal quantity,
			String unitCode,
			BigDecimal unitPrice,
			BigDecimal netAmount,
			VatCategory category,
			BigDecimal ratePercent,
			@Nullable Period period) {
	}

	/** The VAT of one category and rate (BG-23). {@code exemptionReason} is set for AE, K, E and O. */
	public record VatBreakdown(
			VatCategory category,
			BigDecimal ratePercent,
			BigDecimal taxableAmount,
			BigDecimal taxAmount,
			@Nullable String exemptionReason) {
	}

	/**
	 * Document totals (BG-22): sum of line net amounts (BT-106), total without VAT (BT-109), VAT
	 * (BT-110), total with VAT (BT-112), paid so far (BT-113) and the amount due (BT-115).
	 */
	public record Totals(
			BigDecimal lineTotal,
			BigDecimal taxExclusive,
			BigDecimal vatTotal,
			BigDecimal taxInclusive,
			BigDecimal prepaid,
			BigDecimal payable) {
	}

	/** VAT category codes (UNCL5305 as EN 16931 uses them). */
	public enum VatCategory {
		/** Standard rate (Dutch 21 %). */
		STANDARD("S"),
		/** Reverse charge: an EU business customer with a validated VAT number ("btw verlegd"). */
		REVERSE_CHARGE("AE"),
		/** Zero rated. */
		ZERO("Z"),
		/** Exempt from VAT. */
		EXEMPT("E"),
		/** Not subject to VAT (e.g. a customer outside the EU for these services). */
		OUTSIDE_SCOPE("O");

		private final String code;

		VatCategory(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}
}
