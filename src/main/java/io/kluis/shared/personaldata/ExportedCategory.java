package io.kluis.shared.personaldata;

import java.util.List;
import java.util.Map;

/**
 * What a module holds about a subject in one register category, as flat records (one map per
 * record, column → value; values are strings, numbers, booleans or ISO dates) plus files.
 *
 * @param columns the columns a record of this category has, in order: the CSV header even when
 *        there is no record (records may add columns of their own, which follow)
 */
public record ExportedCategory(String category, List<String> columns, List<Map<String, Object>> records,
		List<ExportedFile> files) {

	public ExportedCategory {
		columns = List.copyOf(columns);
		records = List.copyOf(records);
		files = List.copyOf(files);
	}

	public ExportedCategory(String category, List<String> columns, List<Map<String, Object>> records) {
		this(category, columns, records, List.of());
	}

	public static ExportedCategory of(String category, List<String> columns, List<Map<String, Object>> records) {
		return new ExportedCategory(category, columns, records, List.of());
	}

	@Override
	public String toString() {
		return "ExportedCategory[" + category + ", " + records.size() + " records, " + files.size() + " files]";
	}
}
