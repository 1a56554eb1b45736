package io.kluis;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads rows the way someone with a database dump would: every column as raw bytes (binary columns)
 * or text, and reports where a plaintext value shows up. A value counts as found when its UTF-8
 * bytes occur anywhere in a column, ignoring ASCII case, and also when its hex or Base64 form does,
 * so an encoding is not mistaken for protection. Use values of at least seven characters: shorter
 * ones can occur by chance inside ciphertext.
 */
public final class DatabaseScan {

	/** A plaintext value found in a column. */
	public record Finding(String table, String column, String value) {
	}

	private final JdbcClient jdbc;

	public DatabaseScan(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every table of the application's schema. */
	public List<String> tables() {
		return jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema "
				+ "and table_type = 'BASE TABLE'")
			.query(String.class)
			.list()
			.stream()
			.map(t -> t.toLowerCase(Locale.ROOT))
			.sorted()
			.toList();
	}

	/** Findings in every row of every table. */
	public List<Finding> everywhere(Collection<String> values) {
		var findings = new ArrayList<Finding>();
		for (String table : tables()) {
			findings.addAll(rows(table, "", List.of(), values));
		}
		return findings;
	}

	/** Findings in the rows of {@code table} selected by {@code where} (e.g. "where id = ?"). */
	public List<Finding> rows(String table, String where, List<?> params, Collection<String> values) {
		var needles = needles(values);
		var findings = new ArrayList<Finding>();
		jdbc.sql("select * from " + table + " " + where).params(params).query((ResultSet rs) -> {
			ResultSetMetaData meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				String haystack = text(rs, i);
				if (haystack == null) {
					continue;
				}
				for (Needle needle : needles) {
					if (haystack.contains(needle.form())) {
						findings.add(new Finding(table, meta.getColumnName(i).toLowerCase(Locale.ROOT), needle.value()));
					}
				}
			}
		});
		return findings;
	}

	/** How many rows {@code where} selects, so a test knows its scan looked at something. */
	public long count(String table, String where, List<?> params) {
		return jdbc.sql("select count(*) from " + table + " " + where).params(params).query(Long.class).single();
	}

	private record Needle(String value, String form) {
	}

	private static List<Needle> needles(Collection<String> values) {
		var needles = new ArrayList<Needle>();
		for (String value : values) {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			needles.add(new Needle(value, fold(utf8)));
			needles.add(new Needle(value, fold(HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII))));
			needles.add(new Needle(value, fold(Base64.getEncoder().withoutPadding().encode(utf8))));
		}
		return needles;
	}

	/** The column's bytes as ISO-8859-1 text (one char per byte), ASCII-lower-cased; null for SQL NULL. */
	private static String text(ResultSet rs, int column) throws SQLException {
		Object value = rs.getObject(column);
		if (value == null) {
			return null;
		}
		byte[] bytes = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
		return fold(bytes);
	}

	private static String fold(byte[] bytes) {
		char[] chars = new char[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			char c = (char) (bytes[i] & 0xff);
			chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
		}
		return new String(chars);
	}
}
