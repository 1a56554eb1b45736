package io.kluis.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvUnitTests {

	@Test
	@DisplayName("RIG-1: a category without records is a CSV with its header row, not an empty file")
	void emptyCategoryHasItsHeader() throws IOException {
		var out = new StringWriter();
		Csv.write(List.of("createdAt", "lastActiveAt", "device"), List.of(), out);
		assertThat(out.toString()).isEqualTo("createdAt,lastActiveAt,device\r\n");
	}

	@Test
	@DisplayName("RIG-1: declared columns come first, a record's other columns follow, values are quoted as RFC 4180 says")
	void declaredColumnsThenTheRecordsOwn() throws IOException {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("extra", "a,b");
		record.put("type", "current");
		var out = new StringWriter();
		Csv.write(List.of("type", "email"), List.of(record), out);
		assertThat(out.toString()).isEqualTo("type,email,extra\r\ncurrent,,\"a,b\"\r\n");
	}
}
