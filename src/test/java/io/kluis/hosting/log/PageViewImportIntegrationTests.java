package io.kluis.hosting.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.KluisIntegrationTest;
import io.kluis.hosting.SiteId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Importing access logs: every line loaded, blank, or rejected with its number and reason. */
@KluisIntegrationTest
@TestPropertySource(properties = { "kluis.hosting.log.sites=imported-1,imported-2,imported-3,imported-4",
		"kluis.hosting.log.batch-size=3", "kluis.hosting.log.buffer-size=16" })
class PageViewImportIntegrationTests {

	static final String LOG = String.join("\n",
			// 1: combined, with query (dropped without --keep-query)
			"192.0.2.1 - - [07/Dec/2026:10:00:00 +0100] \"GET /index.html?id=7 HTTP/1.1\" 200 5120 "
					+ "\"https://search.example/q?name=jan\" \"Mozilla/5.0 \\\"quoted\\\"\"",
			// 2: malformed: no request line
			"192.0.2.2 - - [07/Dec/2026:10:00:01 +0100] 200 5120",
			// 3: vhost_combined, IPv6, bytes "-"
			"shop.example.nl:443 2001:db8::1 - - [07/Dec/2026:10:00:02 +0100] \"GET / HTTP/2.0\" 304 - \"-\" \"-\"",
			// 4: blank
			"",
			// 5: bad IP
			"999.1.1.1 - - [07/Dec/2026:10:00:03 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl\"",
			// 6: JSON lines, nginx escape=json
			"{\"time_iso8601\":\"2026-12-07T10:00:04+01:00\",\"host\":\"www.example.nl\",\"request_uri\":\"/a?b=c\","
					+ "\"status\":\"404\",\"body_bytes_sent\":\"12\",\"remote_addr\":\"198.51.100.7\","
					+ "\"http_referer\":\"\",\"http_user_agent\":\"curl/8\"}",
			// 7: JSON without an IP
			"{\"time_iso8601\":\"2026-12-07T10:00:05+01:00\",\"host\":\"www.example.nl\",\"request_uri\":\"/\","
					+ "\"status\":\"200\"}",
			// 8: bad time
			"192.0.2.3 - - [31/Foo/2026:10:00:00 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"",
			// 9: good
			"192.0.2.4 - - [07/Dec/2026:10:00:06 +0100] \"POST /form HTTP/1.1\" 302 0 \"-\" \"Firefox\"",
			// 10: partial (a file cut off while being written)
			"{\"time_iso8601\":\"2026-12-07T10:00:07+01:00\",\"host\":\"www.exa");

	@Autowired
	PageViewImport imports;

	@Autowired
	ImportLogCommand command;

	@Autowired
	JdbcClient jdbc;

	/** Site ids are fixed by the configuration; a PostgreSQL database reused between runs may hold their rows. */
	@org.junit.jupiter.api.BeforeEach
	void forgetEarlierRuns() {
		jdbc.sql("delete from hosting_page_views where site_id like 'imported-%'").update();
	}

	@Test
	@DisplayName("HST-1: an imported log loads every good line and reports each bad one by number and reason")
	void loadsGoodLinesAndReportsBadOnes() throws Exception {
		var site = SiteId.of("imported-1");
		var report = imports.importLog(site, stream(LOG), "www.example.nl", false);

		assertThat(report.lines()).isEqualTo(10);
		assertThat(report.blank()).isEqualTo(1);
		assertThat(report.loaded()).isEqualTo(4);
		assertThat(report.stoppedAt()).isNull();
		assertThat(report.rejected()).extracting(LogImportReport.Rejected::line).containsExactly(2L, 5L, 7L, 8L, 10L);
		assertThat(report.rejected()).extracting(LogImportReport.Rejected::reason).containsExactly(
				"not in combined log format (IP, identity, user, [time], \"request\", status, bytes, \"referrer\", "
						+ "\"user agent\")",
				"visitor IP is not an IPv4 or IPv6 address", "no visitor IP (ip or remote_addr)",
				"time is not dd/MMM/yyyy:HH:mm:ss +zone", "not a complete JSON object");
		assertThat(report.rejected()).as("reasons never quote the line")
			.allSatisfy(r -> assertThat(r.reason()).doesNotContain("192.0.2", "999.1", "www.exa"));

		var rows = jdbc.sql("select domain, path, query, status, bytes, user_agent, visitor_ip, referrer_host "
				+ "from hosting_page_views where site_id = ? order by viewed_at")
			.param(site.value())
			.query((rs, i) -> String.join("|", rs.getString(1), rs.getString(2), String.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), String.valueOf(rs.getString(6)), rs.getString(7),
					String.valueOf(rs.getString(8))))
			.list();
		assertThat(rows).containsExactly(
				"www.example.nl|/index.html|null|200|5120|Mozilla/5.0 \"quoted\"|192.0.2.1|search.example",
				"shop.example.nl|/|null|304|0|null|2001:db8::1|null",
				"www.example.nl|/a|null|404|12|curl/8|198.51.100.7|null",
				"www.example.nl|/form|null|302|0|Firefox|192.0.2.4|null");
	}

	@Test
	@DisplayName("HST-1: with the site's query logging on, an import keeps query strings")
	void keepsQueriesWhenTurnedOn() throws Exception {
		var site = SiteId.of("imported-2");
		var report = imports.importLog(site, stream(LOG), "www.example.nl", true);

		assertThat(report.loaded()).isEqualTo(4);
		assertThat(jdbc.sql("select query from hosting_page_views where site_id = ? and query is not null "
				+ "order by viewed_at").param(site.value()).query(String.class).list()).containsExactly("id=7", "b=c");
	}

	@Test
	@DisplayName("HST-1: a plain combined line without --domain is rejected with the reason, not guessed")
	void combinedWithoutDomainIsRejected() throws Exception {
		var report = imports.importLog(SiteId.of("imported-3"), stream(LOG), null, false);

		assertThat(report.loaded()).as("the vhost and JSON lines name their domain").isEqualTo(2);
		assertThat(report.rejected()).filteredOn(r -> r.line() == 1 || r.line() == 9)
			.extracting(LogImportReport.Rejected::reason)
			.containsOnly("no domain: the line names no virtual host, so pass --domain");
	}

	@Test
	@DisplayName("HST-1: an unknown site is refused before anything is read")
	void unknownSiteIsRefused() {
		assertThatThrownBy(() -> imports.importLog(SiteId.of("not-a-site"), stream(LOG), null, false))
			.isInstanceOf(PageViewImport.UnknownSiteException.class);
	}

	@Test
	@DisplayName("HST-1: hosting import-log prints the counts and every rejected line's number and reason")
	void commandPrintsTheReport(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("access.log");
		Files.writeString(file, LOG, StandardCharsets.UTF_8);
		var out = new ByteArrayOutputStream();

		int exit = command.run(List.of("--site", "imported-4", "--domain", "www.example.nl", file.toString()),
				new PrintStream(out, true, StandardCharsets.UTF_8));

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(printed).startsWith("lines 10: loaded 4, rejected 5, blank 1")
			.contains("rejected line 2: not in combined log format", "rejected line 5: visitor IP is not",
					"rejected line 10: not a complete JSON object")
			.doesNotContain("192.0.2");
		assertThat(command.run(List.of("--site", "nope-" + UUID.randomUUID().toString().substring(0, 8), file.toString()),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
		assertThat(command.run(List.of(file.toString()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
	}

	private static ByteArrayInputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
