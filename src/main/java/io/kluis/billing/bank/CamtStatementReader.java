package io.kluis.billing.bank;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads ISO 20022 {@code camt.053.001.02} (what ING, Rabobank, ABN AMRO and others export) and the
 * later versions up to {@code camt.053.001.08}, which moved the entry status into {@code Sts/Cd}, the
 * transaction amount to {@code TxDtls/Amt} and the debtor's name under {@code Dbtr/Pty}. Streaming
 * with StAX: one entry at a time in memory, whatever the file's size; DTDs and external entities are
 * refused (no XXE).
 *
 * <p>A batch entry with several {@code TxDtls}, each with its own amount, yields one
 * {@link StatementEntry} per transaction; otherwise the entry's amount and its (first) transaction's
 * details make one. An entry that cannot be read is reported as a {@link MalformedEntry} with its
 * position and reading goes on; a file that is not well-formed XML or not a camt.053 message stops
 * with a {@link CamtFormatException} naming the line.
 */
public final class CamtStatementReader {

	static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";

	/** Free remittance lines kept per transaction, and their length: enough to match, bounded. */
	private static final int MAX_USTRD = 10;

	private static final int MAX_TEXT = 140;

	private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,5})?");

	private static final XMLInputFactory FACTORY = factory();

	/** What the reader saw of the file as a whole. */
	public record Summary(String namespace, int statements, int entries) {
	}

	/**
	 * Reads the statement, handing every readable booked-or-not entry and every malformed one to the
	 * consumers in file order.
	 * @throws CamtFormatException when the file is not well-formed or not a camt.053 document
	 * @throws UncheckedIOException when the stream itself fails
	 */
	public Summary read(InputStream xml, Consumer<StatementEntry> entries, Consumer<MalformedEntry> malformed) {
		XMLStreamReader reader = null;
		try {
			reader = FACTORY.createXMLStreamReader(xml);
			return read(reader, entries, malformed);
		}
		catch (XMLStreamException e) {
			for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
				if (cause instanceof IOException io) {
					// The stream failed (a size limit, a broken connection), not the XML.
					throw new UncheckedIOException(io);
				}
				if (cause instanceof XMLStreamException x && x.getNestedException() instanceof IOException io) {
					throw new UncheckedIOException(io);
				}
			}
			long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
			throw new CamtFormatException("not well-formed XML", Math.max(line, 0));
		}
		finally {
			if (reader != null) {
				try {
					reader.close();
				}
				catch (XMLStreamException e) {
					// Nothing left to read.
				}
			}
		}
	}

	private Summary read(XMLStreamReader r, Consumer<StatementEntry> entries, Consumer<MalformedEntry> malformed)
			throws XMLStreamException {
		Deque<String> path = new ArrayDeque<>();
		String namespace = null;
		String statementId = null;
		String account = null;
		int statements = 0;
		int entryIndex = 0;
		int entryCount = 0;
		EntryBuilder entry = null;
		while (r.hasNext()) {
			int event = r.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = r.getLocalName();
				if (namespace == null) {
					namespace = r.getNamespaceURI();
					if (!"Document".equals(name) || namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
						throw new CamtFormatException("not a camt.053 document (root element and namespace "
								+ NAMESPACE_PREFIX + "…)", r.getLocation().getLineNumber());
					}
				}
				String parent = path.peek();
				path.push(name);
				switch (name) {
					case "Stmt" -> {
						statements++;
						statementId = null;
						account = null;
						entryIndex = 0;
					}
					case "Ntry" -> {
						entryIndex++;
						entryCount++;
						entry = new EntryBuilder(statementId == null ? "?" : statementId, account, entryIndex,
								r.getLocation().getLineNumber());
					}
					case "TxDtls" -> {
						if (entry != null) {
							entry.transactions.add(new Tx());
						}
					}
					default -> {
						String text = leaf(r, path, parent, name, entry);
						if (text != null) {
							path.pop();
							if ("Id".equals(name) && "Stmt".equals(parent)) {
								statementId = cut(text, 35);
							}
							else if ("IBAN".equals(name) && entry == null && under(path, "Stmt", "Acct", "Id")) {
								account = cut(text, 34);
							}
						}
					}
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				String name = path.pop();
				if ("Ntry".equals(name) && entry != null) {
					entry.finish(entries, malformed);
					entry = null;
				}
			}
		}
		if (namespace == null) {
			throw new CamtFormatException("empty document", 0);
		}
		return new Summary(namespace, statements, entryCount);
	}

	/**
	 * Reads the text of the leaf elements the import needs (consuming their end tag) and files it into
	 * the entry; returns the text, or {@code null} for elements that are not read here.
	 */
	private static @Nullable String leaf(XMLStreamReader r, Deque<String> path, @Nullable String parent, String name,
			@Nullable EntryBuilder entry) throws XMLStreamException {
		if (entry == null) {
			if (("Id".equals(name) && "Stmt".equals(parent)) || ("IBAN".equals(name) && "Id".equals(parent))) {
				return r.getElementText().strip();
			}
			return null;
		}
		Tx tx = entry.transactions.isEmpty() ? null : entry.transactions.get(entry.transactions.size() - 1);
		if (tx == null) {
			switch (name) {
				case "Amt" -> {
					if ("Ntry".equals(parent)) {
						entry.currency = r.getAttributeValue(null, "Ccy");
						return entry.amount = r.getElementText().strip();
					}
				}
				case "CdtDbtInd" -> {
					if ("Ntry".equals(parent)) {
						return entry.direction = r.getElementText().strip();
					}
				}
				case "Sts" -> {
					// .001.02: <Sts>BOOK</Sts>; later versions: <Sts><Cd>BOOK</Cd></Sts> (read below).
					if ("Ntry".equals(parent)) {
						int next = r.next();
						if (next == XMLStreamConstants.CHARACTERS && r.isWhiteSpace()) {
							next = r.next();
						}
						if (next == XMLStreamConstants.CHARACTERS) {
							entry.status = r.getText().strip();
							skipToEnd(r);
							return entry.status;
						}
						if (next == XMLStreamConstants.START_ELEMENT) {
							path.push(r.getLocalName());
							entry.status = r.getElementText().strip();
							path.pop();
							skipToEnd(r);
							return entry.status;
						}
						return entry.status = "";
					}
				}
				case "Dt", "DtTm" -> {
					if ("BookgDt".equals(parent)) {
						return entry.bookingDate = r.getElementText().strip();
					}
				}
				case "AcctSvcrRef" -> {
					if ("Ntry".equals(parent)) {
						return entry.accountServicerReference = cut(r.getElementText().strip(), 35);
					}
				}
				default -> {
				}
			}
			return null;
		}
		switch (name) {
			case "Amt" -> {
				// .001.02: TxDtls/AmtDtls/TxAmt/Amt; .001.08: TxDtls/Amt.
				if ("TxDtls".equals(parent) || ("TxAmt".equals(parent) && under(path, "AmtDtls", "TxAmt", "Amt"))) {
					tx.currency = r.getAttributeValue(null, "Ccy");
					return tx.amount = r.getElementText().strip();
				}
			}
			case "Ref" -> {
				if ("CdtrRefInf".equals(parent) && under(path, "Strd", "CdtrRefInf", "Ref") && tx.reference == null) {
					return tx.reference = r.getElementText().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
				}
			}
			case "Ustrd" -> {
				String text = r.getElementText().strip();
				if (tx.unstructured.size() < MAX_USTRD) {
					tx.unstructured.add(cut(text, MAX_TEXT));
				}
				return text;
			}
			case "Nm" -> {
				if (under(path, "Dbtr", "Nm") || under(path, "Dbtr", "Pty", "Nm")) {
					return tx.debtorName = cut(r.getElementText().strip(), MAX_TEXT);
				}
			}
			case "IBAN" -> {
				if (under(path, "DbtrAcct", "Id", "IBAN")) {
					return tx.debtorIban = cut(r.getElementText().replaceAll("\\s+", ""), 34);
				}
			}
			default -> {
			}
		}
		return null;
	}

	/** Whether the current path (innermost first) ends with these names, outermost first. */
	private static boolean under(Deque<String> path, String... names) {
		var it = path.iterator();
		for (int i = names.length - 1; i >= 0; i--) {
			if (!it.hasNext() || !names[i].equals(it.next())) {
				return false;
			}
		}
		return true;
	}

	private static void skipToEnd(XMLStreamReader r) throws XMLStreamException {
		// Consumes up to and including the end tag of the element the reader is inside.
		int depth = 1;
		while (depth > 0 && r.hasNext()) {
			int e = r.next();
			if (e == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (e == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

	private static final class Tx {

		@Nullable String amount;

		@Nullable String currency;

		@Nullable String reference;

		final List<String> unstructured = new ArrayList<>();

		@Nullable String debtorName;

		@Nullable String debtorIban;
	}

	private static final class EntryBuilder {

		final String statementId;

		final @Nullable String account;

		final int index;

		final long line;

		@Nullable String amount;

		@Nullable String currency;

		@Nullable String direction;

		@Nullable String status;

		@Nullable String bookingDate;

		@Nullable String accountServicerReference;

		final List<Tx> transactions = new ArrayList<>();

		EntryBuilder(String statementId, @Nullable String account, int index, long line) {
			this.statementId = statementId;
			this.account = account;
			this.index = index;
			this.line = line;
		}

		void finish(Consumer<StatementEntry> entries, Consumer<MalformedEntry> malformed) {
			var position = new StatementEntry.Position(statementId, index, 0, line);
			BigDecimal total = amount(amount);
			if (total == null) {
				malformed.accept(new MalformedEntry(position, amount == null ? "no amount (Ntry/Amt)"
						: "the amount is not a non-negative number with at most 5 decimals"));
				return;
			}
			if (currency == null || !currency.matches("[A-Z]{3}")) {
				malformed.accept(new MalformedEntry(position, "no currency (Ntry/Amt/@Ccy)"));
				return;
			}
			if (!"CRDT".equals(direction) && !"DBIT".equals(direction)) {
				malformed.accept(new MalformedEntry(position, "credit/debit indicator must be CRDT or DBIT"));
				return;
			}
			LocalDate booked = date(bookingDate);
			if (booked == null) {
				malformed.accept(new MalformedEntry(position, bookingDate == null ? "no booking date (Ntry/BookgDt)"
						: "the booking date is not an ISO date"));
				return;
			}
			boolean isBooked = status == null || "BOOK".equals(status);
			boolean credit = "CRDT".equals(direction);
			if (transactions.size() <= 1) {
				Tx tx = transactions.isEmpty() ? new Tx() : transactions.get(0);
				entries.accept(new StatementEntry(position, account, accountServicerReference, booked, total, currency,
						credit, isBooked, tx.reference, tx.unstructured, tx.debtorName, tx.debtorIban));
				return;
			}
			// A batch: each transaction must carry its own amount, and they must add up to the entry's.
			BigDecimal sum = BigDecimal.ZERO;
			List<StatementEntry> parts = new ArrayList<>();
			for (int i = 0; i < transactions.size(); i++) {
				Tx tx = transactions.get(i);
				BigDecimal part = amount(tx.amount);
				if (part == null) {
					malformed.accept(new MalformedEntry(position,
							"batch transaction " + (i + 1) + " has no readable amount (TxDtls/AmtDtls/TxAmt/Amt)"));
					return;
				}
				sum = sum.add(part);
				parts.add(new StatementEntry(new StatementEntry.Position(statementId, index, i + 1, line), account,
						accountServicerReference, booked, part, tx.currency == null ? currency : tx.currency, credit,
						isBooked, tx.reference, tx.unstructured, tx.debtorName, tx.debtorIban));
			}
			if (sum.compareTo(total) != 0) {
				malformed.accept(new MalformedEntry(position, "the batch's transactions do not add up to the entry's amount"));
				return;
			}
			parts.forEach(entries);
		}

		private static @Nullable BigDecimal amount(@Nullable String text) {
			return text != null && AMOUNT.matcher(text).matches() ? new BigDecimal(text) : null;
		}

		private static @Nullable LocalDate date(@Nullable String text) {
			if (text == null) {
				return null;
			}
			try {
				if (text.length() == 10) {
					return LocalDate.parse(text);
				}
				try {
					return OffsetDateTime.parse(text).toLocalDate();
				}
				catch (DateTimeParseException e) {
					return LocalDateTime.parse(text).toLocalDate();
				}
			}
			catch (DateTimeParseException e) {
				return null;
			}
		}
	}

	private static XMLInputFactory factory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}
}
