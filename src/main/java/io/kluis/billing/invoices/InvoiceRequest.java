package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Period;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to invoice: whose account, the buyer's details as they stand now (billing maps its billing
 * profile to {@link Buyer}), and the lines. Amounts exclude VAT; {@link Invoicing#issue} decides the
 * VAT. {@code toString()} never shows the buyer.
 */
public record InvoiceRequest(AccountId account, CustomerNumber customerNumber, Buyer buyer, List<Line> lines) {

	public InvoiceRequest {
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(customerNumber, "customerNumber");
		Objects.requireNonNull(buyer, "buyer");
		lines = List.copyOf(lines);
	}

	@Override
	public String toString() {
		return "InvoiceRequest[" + account + ", " + lines.size() + " lines]";
	}

	/**
	 * The buyer. {@code name} is the person's name; {@code companyName}, when set, is the party named
	 * on the invoice. {@code countryCode} is ISO 3166-1 alpha-2 ({@code NL}, {@code DE}, …);
	 * {@code vatNumber} carries its country prefix ({@code DE123456789}); {@code kvkNumber} is the Dutch
	 * chamber of commerce number (8 digits). {@code language} is Dutch or English: the invoice's texts.
	 */
	public record Buyer(String name, String street, String postalCode, String city, String countryCode,
			@Nullable String companyName, @Nullable String kvkNumber, @Nullable String vatNumber,
			@Nullable String email, Locale language) {

		public Buyer {
			Objects.requireNonNull(language, "language");
		}

		/** Whether the buyer acts as a business (a company name or a VAT number). */
		public boolean business() {
			return (companyName != null && !companyName.isBlank()) || (vatNumber != null && !vatNumber.isBlank());
		}

		@Override
		public String toString() {
			return "Buyer[" + countryCode + (business() ? ", business" : "") + "]";
		}
	}

	/**
	 * One line. {@code unitCode} is a UN/ECE Rec. 20 code ({@code C62}, {@code MON}, {@code ANN});
	 * {@code unitPrice} excludes VAT (up to 4 decimals); {@code period} is what the line pays for, if
	 * anything; {@code sourceReference} is opaque to invoicing (e.g. {@code subscription:<id>}), stored
	 * with the line so the caller can find what a line billed.
	 */
	public record Line(String description, BigDecimal quantity, String unitCode, BigDecimal unitPrice,
			@Nullable Period period, @Nullable String sourceReference) {

		public Line {
			Objects.requireNonNull(description, "description");
			Objects.requireNonNull(quantity, "quantity");
			Objects.requireNonNull(unitCode, "unitCode");
			Objects.requireNonNull(unitPrice, "unitPrice");
		}

		public static Line of(String description, BigDecimal quantity, String unitCode, BigDecimal unitPrice) {
			return new Line(description, quantity, unitCode, unitPrice, null, null);
		}
	}
}
