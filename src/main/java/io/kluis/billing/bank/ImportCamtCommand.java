package io.kluis.billing.bank;

import io.kluis.shared.cli.KluisCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code billing import-camt FILE}: imports a CAMT.053 statement and prints the report (matched,
 * partial, unknown and malformed entries with their position). Exit 0 when the file was read (also
 * when entries were unknown or malformed: the report says so), 1 when it could not be read, 2 on a
 * usage error.
 */
@Component
class ImportCamtCommand implements KluisCommand {

	private final StatementImport statementImport;

	ImportCamtCommand(StatementImport statementImport) {
		this.statementImport = statementImport;
	}

	@Override
	public String name() {
		return "billing import-camt";
	}

	@Override
	public String synopsis() {
		return "import a CAMT.053 bank statement and match its credits to open invoices: FILE";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		if (options.size() != 1 || options.get(0).startsWith("--")) {
			out.println("Usage: billing import-camt FILE");
			return 2;
		}
		ImportReport report;
		try (InputStream in = Files.newInputStream(Path.of(options.get(0)))) {
			report = statementImport.importStatement(in);
		}
		catch (NoSuchFileException e) {
			out.println("No such file.");
			return 2;
		}
		catch (IOException | UncheckedIOException e) {
			out.println("The file could not be read (" + e.getClass().getSimpleName() + ").");
			return 1;
		}
		catch (CamtFormatException e) {
			out.println("Not a readable CAMT.053 statement: " + e.getMessage());
			return 1;
		}
		catch (IllegalStateException e) {
			out.println(e.getMessage());
			return 1;
		}
		out.printf("statements %d, entries %d: matched %d, partial %d, unknown %d, already imported %d, malformed %d, "
				+ "debits ignored %d, not booked %d%n", report.statements(), report.entries(), report.matched().size(),
				report.partial().size(), report.unknown().size(), report.alreadyImported().size(),
				report.malformed().size(), report.debitsIgnored(), report.notBooked());
		report.matched().forEach(l -> out.println("matched   " + describe(l)
				+ (l.excess() == null ? "" : " (paid " + l.excess().toPlainString() + " too much)")));
		report.partial().forEach(l -> out.println("partial   " + describe(l) + " of " + l.amountOpen().toPlainString()));
		report.unknown().forEach(l -> out.println("unknown   " + describe(l) + ": " + l.reason()));
		report.malformed().forEach(p -> out.println("malformed " + p.statementId() + " entry " + p.entryIndex() + " (line "
				+ p.line() + "): " + p.problem()));
		return 0;
	}

	private static String describe(ImportReport.Line l) {
		return l.statementId() + " entry " + l.entryIndex() + (l.transactionIndex() > 0 ? "." + l.transactionIndex() : "")
				+ " (line " + l.line() + ") " + l.currency() + " " + l.amount().toPlainString() + " ref "
				+ (l.reference() == null ? "-" : l.reference());
	}
}
