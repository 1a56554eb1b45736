package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument.Totals;
import io.kluis.billing.document.InvoiceDocument.VatBreakdown;
import io.kluis.billing.document.InvoiceDocument.VatCategory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The amounts of an invoice per EN 16931: each line's net amount is quantity × unit price rounded half
 * up to 2 decimals (BT-131); the VAT of each category and rate is computed on the sum of the rounded
 * line nets of that category and rate (BT-116) and rounded half up (BT-117); the totals are sums of
 * rounded amounts (BT-106, BT-109, BT-110, BT-112, BT-115). Pure: no Spring, no database.
 */
final class InvoiceCalculation {

	private InvoiceCalculation() {
	}

	record PricedLine(InvoiceRequest.Line line, BigDecimal netAmount, VatCategory category, BigDecimal ratePercent) {
	}

	record Result(List<PricedLine> lines, List<VatBreakdown> vat, Totals totals) {
	}

	static BigDecimal lineNet(BigDecimal quantity, BigDecimal unitPrice) {
		return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
	}

	/**
	 * @param exemptionReason the text for AE/O/E/Z breakdowns (BT-120), or null for S
	 */
	static Result calculate(List<InvoiceRequest.Line> lines, VatCategory category, BigDecimal ratePercent,
			@Nullable String exemptionReason) {
		var priced = new ArrayList<PricedLine>();
		for (var line : lines) {
			priced.add(new PricedLine(line, lineNet(line.quantity(), line.unitPrice()), category, ratePercent));
		}
		return summarise(priced, exemptionReason);
	}

	static Result summarise(List<PricedLine> priced, @Nullable String exemptionReason) {
		Map<String, BigDecimal> taxable = new LinkedHashMap<>();
		Map<String, PricedLine> first = new LinkedHashMap<>();
		for (var line : priced) {
			String key = line.category().code() + "|" + line.ratePercent().stripTrailingZeros().toPlainString();
			taxable.merge(key, line.netAmount(), BigDecimal::add);
			first.putIfAbsent(key, line);
		}
		var vat = new ArrayList<VatBreakdown>();
		BigDecimal vatTotal = zero();
		for (var entry : taxable.entrySet()) {
			var line = first.get(entry.getKey());
			BigDecimal tax = entry.getValue().multiply(line.ratePercent())
				.divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
			vatTotal = vatTotal.add(tax);
			vat.add(new VatBreakdown(line.category(), rate(line.ratePercent()), entry.getValue().setScale(2), tax,
					line.category() == VatCategory.STANDARD ? null : exemptionReason));
		}
		BigDecimal lineTotal = priced.stream().map(PricedLine::netAmount).reduce(zero(), BigDecimal::add);
		BigDecimal inclusive = lineTotal.add(vatTotal);
		return new Result(List.copyOf(priced), List.copyOf(vat),
				new Totals(lineTotal, lineTotal, vatTotal, inclusive, zero(), inclusive));
	}

	static BigDecimal rate(BigDecimal percent) {
		return percent.setScale(2, RoundingMode.HALF_UP);
	}

	private static BigDecimal zero() {
		return BigDecimal.ZERO.setScale(2);
	}
}
