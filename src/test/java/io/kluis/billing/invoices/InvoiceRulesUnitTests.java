package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.document.InvoiceDocument.VatCategory;
import io.kluis.billing.invoices.vies.VatCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pure rules of issuing: EN 16931 amounts, the VAT decision, the payment reference, the seller's settings. */
class InvoiceRulesUnitTests {

	static InvoiceRequest.Line line(String quantity, String price) {
		return InvoiceRequest.Line.of("Opslag 1 TB", new BigDecimal(quantity), "MON", new BigDecimal(price));
	}

	@Test
	@DisplayName("BIL-1: line nets are rounded half up per line; VAT is computed on the sum of the rounded nets, not per line")
	void vatOnTheSumOfRoundedLineNets() {
		// 3 × 0.3350 = 1.005 → 1.01 (half up); three such lines: 3.03; VAT 21 % of 3.03 = 0.6363 → 0.64
		// (per line it would be 3 × round(0.2121) = 0.63)
		var result = InvoiceCalculation.calculate(List.of(line("3", "0.3350"), line("3", "0.3350"), line("3", "0.3350")),
				VatCategory.STANDARD, new BigDecimal("21"), null);
		assertThat(result.lines()).allSatisfy(l -> assertThat(l.netAmount()).isEqualByComparingTo("1.01"));
		assertThat(result.vat()).singleElement().satisfies(v -> {
			assertThat(v.taxableAmount()).isEqualByComparingTo("3.03");
			assertThat(v.taxAmount()).isEqualByComparingTo("0.64");
			assertThat(v.category()).isEqualTo(VatCategory.STANDARD);
			assertThat(v.exemptionReason()).isNull();
		});
		assertThat(result.totals().lineTotal()).isEqualByComparingTo("3.03");
		assertThat(result.totals().taxExclusive()).isEqualByComparingTo("3.03");
		assertThat(result.totals().vatTotal()).isEqualByComparingTo("0.64");
		assertThat(result.totals().taxInclusive()).isEqualByComparingTo("3.67");
		assertThat(result.totals().payable()).isEqualByComparingTo("3.67");
		assertThat(result.totals().taxInclusive().scale()).isEqualTo(2);
	}

	@Test
	@DisplayName("BIL-1: half up at exactly .5 cent, and a reverse-charge breakdown carries 0 VAT and its exemption reason")
	void halfUpAndReverseCharge() {
		assertThat(InvoiceCalculation.lineNet(new BigDecimal("1"), new BigDecimal("0.125"))).isEqualByComparingTo("0.13");
		assertThat(InvoiceCalculation.lineNet(new BigDecimal("2.5"), new BigDecimal("9.99"))).isEqualByComparingTo("24.98");
		var result = InvoiceCalculation.calculate(List.of(line("1", "9.99")), VatCategory.REVERSE_CHARGE,
				BigDecimal.ZERO, "Reverse charge");
		assertThat(result.vat()).singleElement().satisfies(v -> {
			assertThat(v.taxAmount()).isEqualByComparingTo("0.00");
			assertThat(v.exemptionReason()).isEqualTo("Reverse charge");
		});
		assertThat(result.totals().taxInclusive()).isEqualByComparingTo("9.99");
	}

	@Test
	@DisplayName("BIL-1: VAT per EU rules: NL 21 %, EU business with a valid VAT number reverse charge, EU consumer 21 %, outside the EU category O")
	void vatDecision() {
		var at = Instant.parse("2026-12-07T10:00:00Z");
		assertThat(VatRules.decide("NL", null, null).scheme()).isEqualTo(VatScheme.DOMESTIC);
		assertThat(VatRules.decide("NL", "NL123456789B01", null)).satisfies(d -> {
			assertThat(d.scheme()).isEqualTo(VatScheme.DOMESTIC);
			assertThat(d.category()).isEqualTo(VatCategory.STANDARD);
			assertThat(d.ratePercent()).isEqualByComparingTo("21");
		});
		assertThat(VatRules.needsViesCheck("NL", "NL123456789B01")).isFalse();
		assertThat(VatRules.needsViesCheck("DE", "DE123456789")).isTrue();
		assertThat(VatRules.decide("DE", "DE123456789", VatCheck.valid(at, null))).satisfies(d -> {
			assertThat(d.scheme()).isEqualTo(VatScheme.REVERSE_CHARGE);
			assertThat(d.category()).isEqualTo(VatCategory.REVERSE_CHARGE);
			assertThat(d.ratePercent()).isEqualByComparingTo("0");
		});
		assertThat(VatRules.decide("DE", "DE123456789", VatCheck.invalid(at)).scheme()).isEqualTo(VatScheme.EU_CONSUMER);
		assertThat(VatRules.decide("BE", null, null)).satisfies(d -> {
			assertThat(d.scheme()).isEqualTo(VatScheme.EU_CONSUMER);
			assertThat(d.ratePercent()).isEqualByComparingTo("21");
		});
		assertThat(VatRules.decide("US", null, null).category()).isEqualTo(VatCategory.OUTSIDE_SCOPE);
		assertThat(VatRules.decide("CH", "CHE123456789", null).scheme()).isEqualTo(VatScheme.OUTSIDE_EU);
		assertThatThrownBy(() -> VatRules.decide("DE", "DE123456789", VatCheck.unavailable(at)))
			.isInstanceOf(VatNumberUnverifiable.class);
		assertThat(VatRules.note(VatScheme.REVERSE_CHARGE, Locale.forLanguageTag("nl"))).isEqualTo("Btw verlegd");
		assertThat(VatRules.note(VatScheme.REVERSE_CHARGE, Locale.ENGLISH)).isEqualTo("VAT reverse charged");
		assertThat(VatRules.exemptionReason(VatScheme.DOMESTIC, Locale.ENGLISH)).isNull();
	}

	@Test
	@DisplayName("BIL-1: the payment reference is a 16-digit betalingskenmerk whose check digit catches every single-digit error and neighbour swap")
	void paymentReference() {
		String reference = PaymentReference.of(2026, 42);
		assertThat(reference).hasSize(16).endsWith("202600000000042");
		// by hand: 202600000000042 from the right: 2×2 + 4×4 + (nine zeros) + 6×4 + 2×8 + 0×5 + 2×10 = 80;
		// 80 mod 11 = 3; 11 - 3 = 8 → the check digit is 8
		int sum = 0;
		int[] weights = { 2, 4, 8, 5, 10, 9, 7, 3, 6, 1, 2, 4, 8, 5, 10 };
		String payload = "202600000000042";
		for (int i = 0; i < 15; i++) {
			sum += (payload.charAt(14 - i) - '0') * weights[i];
		}
		assertThat(sum).isEqualTo(80);
		assertThat(reference).isEqualTo("8202600000000042");
		assertThat(PaymentReference.isValid(reference)).isTrue();
		assertThat(PaymentReference.isValid(reference.substring(0, 4) + " " + reference.substring(4, 8) + "."
				+ reference.substring(8))).as("spaces and dots people type").isTrue();
		int caught = 0;
		int tried = 0;
		for (int seq = 1; seq < 400; seq += 7) {
			String ref = PaymentReference.of(2026, seq);
			for (int p = 1; p < 16; p++) {
				for (char d = '0'; d <= '9'; d++) {
					if (ref.charAt(p) != d) {
						tried++;
						caught += PaymentReference.isValid(ref.substring(0, p) + d + ref.substring(p + 1)) ? 0 : 1;
					}
				}
				if (p < 15 && ref.charAt(p) != ref.charAt(p + 1)) {
					tried++;
					String swapped = ref.substring(0, p) + ref.charAt(p + 1) + ref.charAt(p) + ref.substring(p + 2);
					caught += PaymentReference.isValid(swapped) ? 0 : 1;
				}
			}
		}
		assertThat(tried).isGreaterThan(1000);
		// mod 11 with 10 folded onto 1 lets a few errors through (those whose remainder shift is between 10 and 1)
		assertThat((double) caught / tried).isGreaterThan(0.9);
		assertThat(PaymentReference.isValid("1234")).isFalse();
		assertThat(PaymentReference.of(2027, 1)).isNotEqualTo(PaymentReference.of(2026, 1));
	}

	@Test
	@DisplayName("BIL-1: invoice numbers are year-dash-six digits at least")
	void numberFormat() {
		assertThat(InvoiceNumbers.format(2026, 1)).isEqualTo("2026-000001");
		assertThat(InvoiceNumbers.format(2026, 1234567)).isEqualTo("2026-1234567");
	}

	@Test
	@DisplayName("BIL-1: the seller's settings are checked at start-up (KvK, Dutch VAT number, IBAN check digits, BIC)")
	void sellerSettings() {
		var ok = new SellerProperties("Voorbeeld Hosting B.V.", "Voorbeeldstraat 1", "1234 AB", "Utrecht", "NL", "12345678",
				"NL000099998B57", "NL91 ABNA 0417 1643 00", "ABNANL2A", null);
		assertThat(ok.iban()).isEqualTo("NL91ABNA0417164300");
		assertThatThrownBy(() -> new SellerProperties("X", "S", "P", "C", "NL", "1234", "NL000099998B57",
				"NL91ABNA0417164300", null, null)).hasMessageContaining("kvk");
		assertThatThrownBy(() -> new SellerProperties("X", "S", "P", "C", "NL", "12345678", "DE123456789",
				"NL91ABNA0417164300", null, null)).hasMessageContaining("vat-number");
		assertThatThrownBy(() -> new SellerProperties("X", "S", "P", "C", "NL", "12345678", "NL000099998B57",
				"NL92ABNA0417164300", null, null)).hasMessageContaining("iban");
		assertThatThrownBy(() -> new SellerProperties("X", "S", "P", "C", "NL", "12345678", "NL000099998B57",
				"NL91ABNA0417164300", "abn", null)).hasMessageContaining("bic");
		assertThat(ok.toString()).doesNotContain("NL91");
	}
}
