package io.kluis.billing.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applying a statement: full credits mark their payable paid, smaller ones are recorded as part
 * payments, unknown references and malformed entries are reported with their position, debits are
 * ignored, nothing else changes, and a second import pays nothing twice.
 */
class StatementImportUnitTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

	final InMemoryOpenPayables payables = new InMemoryOpenPayables().with("1000000000000001", "121.00")
		.with("1000000000000002", "100.00")
		.with("1000000000000003", "20.00")
		.with("1000000000000004", "24.00")
		.with("1000000000000099", "10.00");

	final MemoryEntries imported = new MemoryEntries();

	final StatementImport statementImport = importer(payables);

	StatementImport importer(@Nullable OpenPayables open) {
		var beans = new StaticListableBeanFactory(open == null ? Map.of() : Map.of("payables", open));
		return new StatementImport(beans.getBeanProvider(OpenPayables.class), imported,
				TransactionOperations.withoutTransaction(), CLOCK);
	}

	@Test
	@DisplayName("BIL-1: matched, partial, unknown, malformed (with position), debits ignored; nothing else changes")
	void importsAndReports() throws IOException {
		String xml = CamtStatementReaderUnitTests.text("camt053-001-02.xml")
			.replace("<Amt Ccy=\"EUR\">15.00</Amt>", "<Amt Ccy=\"EUR\">15.0.0</Amt>");

		ImportReport report = statementImport.importStatement(stream(xml));

		assertThat(report.matched()).extracting(ImportReport.Line::reference)
			.containsExactly("1000000000000001", "1000000000000003", "1000000000000004");
		assertThat(report.partial()).singleElement().satisfies(l -> {
			assertThat(l.reference()).isEqualTo("1000000000000002");
			assertThat(l.amount()).isEqualByComparingTo("50.00");
			assertThat(l.amountOpen()).isEqualByComparingTo("100.00");
		});
		assertThat(report.unknown()).singleElement().satisfies(l -> {
			assertThat(l.reference()).isEqualTo("9999999999999999");
			assertThat(l.entryIndex()).isEqualTo(3);
			assertThat(l.line()).isEqualTo(68);
		});
		assertThat(report.malformed()).singleElement().satisfies(p -> {
			assertThat(p.statementId()).isEqualTo("20261206-0001");
			assertThat(p.entryIndex()).isEqualTo(4);
			assertThat(p.line()).isEqualTo(84);
		});
		assertThat(report.debitsIgnored()).isEqualTo(1);
		assertThat(report.toString()).doesNotContain("Jansen").doesNotContain("NL20INGB").doesNotContain("klantnummer");

		assertThat(payables.recorded).extracting(InMemoryOpenPayables.Recorded::kind, InMemoryOpenPayables.Recorded::reference)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("paid", "1000000000000001"),
					org.assertj.core.groups.Tuple.tuple("partial", "1000000000000002"),
					org.assertj.core.groups.Tuple.tuple("paid", "1000000000000003"),
					org.assertj.core.groups.Tuple.tuple("paid", "1000000000000004"));
		assertThat(payables.recorded.get(0).bookedOn()).isEqualTo(LocalDate.of(2026, 12, 6));
		assertThat(payables.open).containsOnlyKeys("1000000000000002", "1000000000000099");
		assertThat(payables.open.get("1000000000000002")).isEqualByComparingTo("50.00");
	}

	@Test
	@DisplayName("BIL-1: importing the same file twice pays nothing twice: the second report lists the credits as already imported")
	void secondImportPaysNothing() throws IOException {
		statementImport.importStatement(CamtStatementReaderUnitTests.resource("camt053-001-02.xml"));
		int recorded = payables.recorded.size();
		payables.with("1000000000000001", "121.00");

		ImportReport again = statementImport.importStatement(CamtStatementReaderUnitTests.resource("camt053-001-02.xml"));

		assertThat(payables.recorded).hasSize(recorded);
		assertThat(again.matched()).isEmpty();
		assertThat(again.partial()).isEmpty();
		assertThat(again.alreadyImported()).hasSize(4);
	}

	@Test
	@DisplayName("A .001.08 statement is applied too; its entries are keyed by the account and the bank's reference (AcctSvcrRef)")
	void entryKeys() throws IOException {
		ImportReport v08 = statementImport.importStatement(CamtStatementReaderUnitTests.resource("camt053-001-08.xml"));
		assertThat(v08.matched()).singleElement().satisfies(l -> assertThat(l.reference()).isEqualTo("1000000000000001"));
		assertThat(v08.notBooked()).isEqualTo(1);
		assertThat(imported.keys).containsKey("acct:NL02ABNA0123456789|ref:V08-ACSR-1");
	}

	@Test
	@DisplayName("Without AcctSvcrRef the key is the statement's id and the entry's position")
	void keyWithoutBankReference() throws IOException {
		String xml = CamtStatementReaderUnitTests.text("camt053-001-02.xml").replace("<AcctSvcrRef>ACSR-0001</AcctSvcrRef>", "");
		statementImport.importStatement(stream(xml));
		assertThat(imported.keys).containsKey("acct:NL02ABNA0123456789|stmt:20261206-0001|1")
			.containsKey("acct:NL02ABNA0123456789|ref:ACSR-0006.1");
	}

	@Test
	@DisplayName("A broken file changes nothing; without an open-payables source the import refuses")
	void brokenFileChangesNothing() throws IOException {
		String xml = CamtStatementReaderUnitTests.text("camt053-001-02.xml").replace("</Stmt>", "</Stmtx>");
		assertThatThrownBy(() -> statementImport.importStatement(stream(xml))).isInstanceOf(CamtFormatException.class);
		assertThat(payables.recorded).isEmpty();
		assertThat(imported.keys).isEmpty();
		assertThatThrownBy(() -> importer(null).importStatement(stream(xml))).isInstanceOf(IllegalStateException.class);
	}

	static ByteArrayInputStream stream(String xml) {
		return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
	}

	static final class MemoryEntries implements ImportedEntries {

		final Map<String, String> keys = new ConcurrentHashMap<>();

		@Override
		public boolean contains(String entryKey) {
			return keys.containsKey(entryKey);
		}

		@Override
		public boolean add(String entryKey, StatementEntry.Position position, LocalDate bookingDate, BigDecimal amount,
				String currency, @Nullable String reference, String outcome, Instant importedAt) {
			return keys.putIfAbsent(entryKey, outcome) == null;
		}
	}
}
