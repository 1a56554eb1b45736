package io.kluis.privacy.policy;

import io.kluis.privacy.register.LegalBasis;
import io.kluis.privacy.register.ProcessingRegister;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The record of processing activities (AVG art. 30(1)) as rows: one per purpose × category, with
 * everything the article asks for. Rendered as CSV for spreadsheets and as PDF for the
 * supervisory authority; both from the same rows, in the reader's language.
 */
public final class Art30Record {

	/** One processing activity: a purpose using a category of data. */
	public record Row(String purposeId, String purpose, String description, String legalBasis,
			String legitimateInterest, String categoryId, String category, boolean special, String subjects,
			String recipients, String transfers, String retention) {
	}

	private Art30Record() {
	}

	public static List<Row> rows(ProcessingRegister register, PolicyText text, String noTransfers) {
		List<Row> rows = new ArrayList<>();
		for (var purpose : register.purposes()) {
			for (String categoryId : purpose.categories()) {
				var category = register.category(categoryId);
				rows.add(new Row(purpose.id(), text.t(purpose.name()), text.t(purpose.description()),
						text.basis(purpose), purpose.legalBasis() == LegalBasis.LEGITIMATE_INTEREST
								? text.t(purpose.legitimateInterest()) : "",
						categoryId, text.categoryName(categoryId), category.map(ProcessingRegister.Category::special).orElse(false),
						text.subjectNames(purpose.subjects()), text.recipientsOf(categoryId),
						transfers(register, categoryId, text, noTransfers), text.retentionOf(categoryId)));
			}
		}
		return rows;
	}

	/** Recipients of the category outside the EEA, with their country; or the "none" wording. */
	private static String transfers(ProcessingRegister register, String categoryId, PolicyText text, String none) {
		String outside = register.recipients().stream()
			.filter(r -> r.categories().contains(categoryId) && !text.insideEea(r.country()))
			.map(r -> r.name() + " (" + text.country(r.country()) + ")")
			.collect(Collectors.joining(", "));
		return outside.isEmpty() ? none : outside;
	}

	/** RFC 4180 CSV with a header row, UTF-8 with a byte-order mark so spreadsheet programs read it right. */
	public static String csv(List<Row> rows, List<String> header) {
		var out = new StringBuilder("\uFEFF");
		line(out, header);
		for (Row r : rows) {
			line(out, List.of(r.purposeId(), r.purpose(), r.description(), r.legalBasis(), r.legitimateInterest(),
					r.categoryId(), r.category(), r.special() ? "yes" : "no", r.subjects(), r.recipients(), r.transfers(),
					r.retention()));
		}
		return out.toString();
	}

	private static void line(StringBuilder out, List<String> values) {
		out.append(values.stream().map(Art30Record::field).collect(Collectors.joining(","))).append("\r\n");
	}

	private static String field(String value) {
		// a leading =, +, - or @ would be run as a formula by spreadsheet programs (CSV injection)
		String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}
}
