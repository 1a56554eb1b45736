package io.kluis.billing.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading camt.053 statements as Dutch banks export them (.001.02) and the later .001.08. */
class CamtStatementReaderUnitTests {

	final CamtStatementReader reader = new CamtStatementReader();

	@Test
	@DisplayName("camt.053.001.02: amounts, direction, booking date, AcctSvcrRef, structured reference (normalised), Ustrd, debtor")
	void readsVersion02() throws IOException {
		List<StatementEntry> entries = new ArrayList<>();
		List<MalformedEntry> malformed = new ArrayList<>();
		var summary = reader.read(resource("camt053-001-02.xml"), entries::add, malformed::add);

		assertThat(summary.statements()).isEqualTo(1);
		assertThat(summary.entries()).isEqualTo(6);
		assertThat(malformed).isEmpty();
		assertThat(entries).hasSize(7);
		StatementEntry first = entries.get(0);
		assertThat(first.position()).isEqualTo(new StatementEntry.Position("20261206-0001", 1, 0, 21));
		assertThat(first.statementAccount()).isEqualTo("NL02ABNA0123456789");
		assertThat(first.accountServicerReference()).isEqualTo("ACSR-0001");
		assertThat(first.amount()).isEqualByComparingTo("121.00");
		assertThat(first.currency()).isEqualTo("EUR");
		assertThat(first.credit()).isTrue();
		assertThat(first.booked()).isTrue();
		assertThat(first.bookingDate()).isEqualTo(LocalDate.of(2026, 12, 6));
		assertThat(first.structuredReference()).isEqualTo("1000000000000001");
		assertThat(first.debtorName()).isEqualTo("J. Jansen");
		assertThat(first.debtorIban()).isEqualTo("NL20INGB0001234567");
		assertThat(first.toString()).doesNotContain("Jansen").doesNotContain("NL20INGB");

		assertThat(entries.get(3).structuredReference()).isNull();
		assertThat(entries.get(3).unstructured()).containsExactly("factuur 2026-000004 klantnummer 123");
		assertThat(entries.get(4).credit()).isFalse();
		// The batch entry: one per transaction, each with its own amount and reference.
		assertThat(entries.subList(5, 7)).extracting(e -> e.position().transactionIndex(), StatementEntry::amount,
				StatementEntry::structuredReference)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, new java.math.BigDecimal("20.00"), "1000000000000003"),
					org.assertj.core.groups.Tuple.tuple(2, new java.math.BigDecimal("24.00"), "1000000000000004"));
	}

	@Test
	@DisplayName("camt.053.001.08: Sts/Cd, BookgDt/DtTm, TxDtls/Amt and Dbtr/Pty/Nm; a pending entry is not booked")
	void readsVersion08() throws IOException {
		List<StatementEntry> entries = new ArrayList<>();
		reader.read(resource("camt053-001-08.xml"), entries::add, m -> {
			throw new AssertionError(m.toString());
		});

		assertThat(entries).hasSize(2);
		assertThat(entries.get(0).booked()).isTrue();
		assertThat(entries.get(0).bookingDate()).isEqualTo(LocalDate.of(2026, 12, 6));
		assertThat(entries.get(0).structuredReference()).isEqualTo("1000000000000001");
		assertThat(entries.get(0).debtorName()).isEqualTo("J. Jansen");
		assertThat(entries.get(1).booked()).isFalse();
	}

	@Test
	@DisplayName("Malformed entries are reported with statement, index and line; reading goes on")
	void malformedEntriesAreReportedWithPosition() throws IOException {
		String xml = text("camt053-001-02.xml")
			.replace("<Amt Ccy=\"EUR\">50.00</Amt>\n        <CdtDbtInd>", "<Amt Ccy=\"EUR\">50,00</Amt>\n        <CdtDbtInd>")
			.replace("<BookgDt><Dt>2026-12-06</Dt></BookgDt>\n        <ValDt><Dt>2026-12-06</Dt></ValDt>\n        <AcctSvcrRef>ACSR-0003",
					"<ValDt><Dt>2026-12-06</Dt></ValDt>\n        <AcctSvcrRef>ACSR-0003");
		List<StatementEntry> entries = new ArrayList<>();
		List<MalformedEntry> malformed = new ArrayList<>();
		reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), entries::add, malformed::add);

		assertThat(malformed).extracting(m -> m.position().entryIndex()).containsExactly(2, 3);
		assertThat(malformed.get(0).position().line()).isEqualTo(48);
		assertThat(malformed.get(0).problem()).contains("amount");
		assertThat(malformed.get(1).problem()).contains("booking date");
		assertThat(entries).hasSize(5);
	}

	@Test
	@DisplayName("SEC-5: broken XML, another message, a DTD with an external entity: refused with the line, nothing read")
	void unreadableFilesAreRefused() {
		assertThatThrownBy(() -> reader.read(stream("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt>\n</Oops>"),
				e -> {
				}, m -> {
				})).isInstanceOfSatisfying(CamtFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
		assertThatThrownBy(() -> reader.read(stream("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>"),
				e -> {
				}, m -> {
				})).isInstanceOf(CamtFormatException.class).hasMessageContaining("camt.053");
		assertThatThrownBy(() -> reader.read(stream("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>"),
				e -> {
				}, m -> {
				})).isInstanceOf(CamtFormatException.class);
		assertThatThrownBy(() -> reader.read(stream(""), e -> {
		}, m -> {
		})).isInstanceOf(CamtFormatException.class);
	}

	@Test
	@DisplayName("A statement of 100 000 entries streams through without holding the file")
	void largeStatementStreams() {
		String head = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>BIG</Id>";
		String entry = "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-06</Dt></BookgDt>"
				+ "<NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>1</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n";
		List<InputStream> parts = new ArrayList<>();
		parts.add(stream(head));
		for (int i = 0; i < 100_000; i++) {
			parts.add(stream(entry));
		}
		parts.add(stream("</Stmt></BkToCstmrStmt></Document>"));
		int[] count = { 0 };
		var summary = reader.read(new SequenceInputStream(Collections.enumeration(parts)), e -> count[0]++, m -> {
			throw new AssertionError(m.toString());
		});
		assertThat(summary.entries()).isEqualTo(100_000);
		assertThat(count[0]).isEqualTo(100_000);
	}

	static InputStream resource(String name) {
		return CamtStatementReaderUnitTests.class.getResourceAsStream("/billing/bank/" + name);
	}

	static String text(String name) throws IOException {
		try (InputStream in = resource(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
