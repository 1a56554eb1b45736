package io.kluis.billing.bank;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies a CAMT.053 statement's credits to open payables by their structured payment reference.
 * The file is read completely first (streaming, one entry at a time; only the small entry records are
 * kept), so a file that breaks halfway changes nothing. Then each credit is applied in its own
 * transaction together with a record of the entry, so a crash or a second import never pays twice.
 *
 * <p><b>Which entry is "the same"</b>: the bank's own reference of the booking ({@code AcctSvcrRef}),
 * with the statement's account, when the bank gives one: it stays the same when the statement is
 * downloaded again and when a monthly statement overlaps daily ones. Without it, the statement's id and
 * the entry's index in it, which protects against importing the same file twice but not against
 * overlapping statements with different ids (banks that omit {@code AcctSvcrRef} are rare).
 */
@Service
public class StatementImport {

	static final String EVENT_IMPORTED = "BILLING_BANK_STATEMENT_IMPORTED";

	private static final Logger log = LoggerFactory.getLogger(StatementImport.class);

	private final CamtStatementReader reader = new CamtStatementReader();

	private final ObjectProvider<OpenPayables> payables;

	private final ImportedEntries imported;

	private final TransactionOperations transactions;

	private final Clock clock;

	StatementImport(ObjectProvider<OpenPayables> payables, ImportedEntries imported, TransactionOperations transactions,
			Clock clock) {
		this.payables = payables;
		this.imported = imported;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Imports a statement.
	 * @throws CamtFormatException when the file is not a readable camt.053 document (nothing applied)
	 * @throws IllegalStateException when no module provides {@link OpenPayables} (invoicing not installed)
	 */
	public ImportReport importStatement(InputStream xml) {
		OpenPayables open = payables.getIfAvailable();
		if (open == null) {
			throw new IllegalStateException("no module provides open payables (invoicing) to match bank entries to");
		}
		List<StatementEntry> entries = new ArrayList<>();
		List<ImportReport.Problem> malformed = new ArrayList<>();
		var summary = reader.read(xml, entries::add, m -> malformed.add(new ImportReport.Problem(
				m.position().statementId(), m.position().entryIndex(), m.position().line(), m.problem())));
		List<ImportReport.Line> matched = new ArrayList<>();
		List<ImportReport.Line> partial = new ArrayList<>();
		List<ImportReport.Line> unknown = new ArrayList<>();
		List<ImportReport.Line> again = new ArrayList<>();
		int debits = 0;
		int notBooked = 0;
		for (StatementEntry entry : entries) {
			if (!entry.credit()) {
				debits++;
				continue;
			}
			if (!entry.booked()) {
				notBooked++;
				continue;
			}
			if (entry.structuredReference() == null) {
				unknown.add(line(entry, null, null, "no structured payment reference"));
				continue;
			}
			if (!"EUR".equals(entry.currency())) {
				unknown.add(line(entry, null, null, "not in EUR"));
				continue;
			}
			String key = key(entry);
			Outcome outcome = transactions.execute(tx -> apply(open, entry, key));
			switch (outcome.kind) {
				case "MATCHED" -> matched.add(outcome.line);
				case "PARTIAL" -> partial.add(outcome.line);
				case "AGAIN" -> again.add(outcome.line);
				default -> unknown.add(outcome.line);
			}
		}
		var report = new ImportReport(summary.namespace(), summary.statements(), summary.entries(), matched, partial,
				unknown, again, malformed, debits, notBooked);
		log.info("{} statements={} entries={} matched={} partial={} unknown={} alreadyImported={} malformed={} debits={}",
				EVENT_IMPORTED, report.statements(), report.entries(), matched.size(), partial.size(), unknown.size(),
				again.size(), malformed.size(), debits);
		return report;
	}

	private record Outcome(String kind, ImportReport.Line line) {
	}

	private Outcome apply(OpenPayables open, StatementEntry entry, String key) {
		String reference = entry.structuredReference();
		if (imported.contains(key)) {
			return new Outcome("AGAIN", line(entry, null, null, null));
		}
		var payable = open.findByReference(reference);
		if (payable.isEmpty()) {
			return new Outcome("UNKNOWN", line(entry, null, null, "no open payable with this reference"));
		}
		BigDecimal amountOpen = payable.get().amountOpen();
		boolean full = entry.amount().compareTo(amountOpen) >= 0;
		if (!imported.add(key, entry.position(), entry.bookingDate(), entry.amount(), entry.currency(), reference,
				full ? "MATCHED" : "PARTIAL", clock.instant())) {
			return new Outcome("AGAIN", line(entry, null, null, null));
		}
		if (full) {
			open.markPaid(reference, entry.amount(), entry.bookingDate(), key);
			BigDecimal excess = entry.amount().subtract(amountOpen);
			return new Outcome("MATCHED", line(entry, amountOpen, excess.signum() > 0 ? excess : null, null));
		}
		open.recordPartial(reference, entry.amount(), entry.bookingDate(), key);
		return new Outcome("PARTIAL", line(entry, amountOpen, null, null));
	}

	/** See the class comment: the bank's reference when given, else the statement's id and the position. */
	static String key(StatementEntry entry) {
		var p = entry.position();
		String account = entry.statementAccount() == null ? "-" : entry.statementAccount();
		String part = p.transactionIndex() > 0 ? "." + p.transactionIndex() : "";
		if (entry.accountServicerReference() != null && !entry.accountServicerReference().isBlank()) {
			return "acct:" + account + "|ref:" + entry.accountServicerReference() + part;
		}
		return "acct:" + account + "|stmt:" + p.statementId() + "|" + p.entryIndex() + part;
	}

	private static ImportReport.Line line(StatementEntry entry, @Nullable BigDecimal amountOpen, @Nullable BigDecimal excess,
			@Nullable String reason) {
		var p = entry.position();
		return new ImportReport.Line(p.statementId(), p.entryIndex(), p.transactionIndex(), p.line(),
				entry.structuredReference(), entry.amount(), entry.currency(), amountOpen, excess, reason);
	}
}
