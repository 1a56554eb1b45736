package io.kluis.privacy.rights;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 4180 CSV of one category's records: a header row — the category's declared columns, then any
 * other column a record has (in first-seen order), so a category without records still has its
 * header — CRLF line ends, fields quoted when they contain a comma, quote or line break.
 * Values are written exactly as held (no spreadsheet-formula escaping: it is the subject's own data,
 * and portability needs it unchanged).
 */
final class Csv {

	private Csv() {
	}

	static void write(List<String> declared, List<Map<String, Object>> records, Writer out) throws IOException {
		Set<String> columns = new LinkedHashSet<>(declared);
		records.forEach(r -> columns.addAll(r.keySet()));
		if (columns.isEmpty()) {
			return;
		}
		line(List.copyOf(columns), out);
		for (var record : records) {
			line(columns.stream().map(c -> record.get(c) == null ? "" : ExportArchive.text(record.get(c))).toList(), out);
		}
		out.flush();
	}

	private static void line(List<String> fields, Writer out) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(field(fields.get(i)));
		}
		out.write("\r\n");
	}

	static String field(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}
}
