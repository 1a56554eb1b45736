package io.kluis.privacy.spi;

import java.util.List;
import java.util.Map;

/**
 * What a module holds about a subject in one register category, as flat records (one map per
 * record, column → value; values are strings, numbers, booleans or ISO dates) plus files.
 */
public record ExportedCategory(String category, List<Map<String, Object>> records, List<ExportedFile> files) {

	public ExportedCategory {
		records = List.copyOf(records);
		files = List.copyOf(files);
	}

	public static ExportedCategory of(String category, List<Map<String, Object>> records) {
		return new ExportedCategory(category, records, List.of());
	}

	@Override
	public String toString() {
		return "ExportedCategory[" + category + ", " + records.size() + " records, " + files.size() + " files]";
	}
}
