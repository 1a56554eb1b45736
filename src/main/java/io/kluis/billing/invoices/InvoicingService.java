package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.InvoiceDocument.ElectronicAddress;
import io.kluis.billing.document.InvoiceDocument.Kind;
import io.kluis.billing.document.InvoiceDocument.Party;
import io.kluis.billing.document.InvoiceDocument.PaymentAccount;
import io.kluis.billing.document.InvoiceDocument.Period;
import io.kluis.billing.document.InvoiceDocument.Preceding;
import io.kluis.billing.invoices.InvoiceCalculation.PricedLine;
import io.kluis.billing.invoices.vies.VatCheck;
import io.kluis.billing.invoices.vies.VatNumberValidator;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Invoicing}: the VIES check first (outside any lock: it goes over the network), then one
 * transaction that takes the year's number, seals the buyer and inserts the document.
 *
 * <p><b>The buyer's details</b> are personal data in a record the law makes the provider keep for 7
 * years after the fiscal year (art. 52 AWR), also after the account is closed. They are sealed under a
 * <em>fiscal subject key</em>: one data key per account and fiscal year (a name-based UUID of both),
 * not the account's own key, so closing the account (which destroys the account's key) leaves the
 * fiscal record readable; the retention engine destroys the fiscal key when it deletes that year's
 * records, which makes every copy in backups unreadable too. The buyer's email, which art. 226 does
 * not require, is sealed under the account's own key: closure makes it unreadable and erasure clears it.
 */
@Service
class InvoicingService implements Invoicing {

	private static final Logger log = LoggerFactory.getLogger(InvoicingService.class);

	static final String BUYER_FIELD = "billing.invoices.buyer";

	static final String EMAIL_FIELD = "billing.invoices.buyer_email";

	/** The blind index of the buyer's email (stored data depends on this name; never change it). */
	static final String EMAIL_INDEX_FIELD = "billing.invoices.buyer_email_index";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{1,3}");

	private static final Pattern KVK = Pattern.compile("\\d{8}");

	private static final int MAX_LINES = 500;

	private final Invoices invoices;

	private final InvoiceNumbers numbers;

	private final VatNumberValidator vies;

	private final PersonalDataCipher cipher;

	private final SellerProperties seller;

	private final InvoicingProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	InvoicingService(Invoices invoices, InvoiceNumbers numbers, VatNumberValidator vies, PersonalDataCipher cipher,
			SellerProperties seller, InvoicingProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.invoices = invoices;
		this.numbers = numbers;
		this.vies = vies;
		this.cipher = cipher;
		this.seller = seller;
		this.properties = properties;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The buyer as sealed on the invoice: what art. 226 (and the Dutch KvK rule) requires, no more. */
	record SealedBuyer(String name, String street, String postalCode, String city, String countryCode,
			@Nullable String companyName, @Nullable String kvkNumber, @Nullable String vatNumber) {

		@Override
		public String toString() {
			return "SealedBuyer[" + countryCode + "]";
		}
	}

	@Override
	public IssuedInvoice issue(InvoiceRequest request) {
		var buyer = validBuyer(request.buyer());
		validLines(request.lines());
		String country = buyer.countryCode();
		String vatNumber = buyer.vatNumber();
		VatCheck check = VatRules.needsViesCheck(country, vatNumber) ? vies.check(vatNumber) : null;
		var decision = VatRules.decide(country, vatNumber, check);
		Locale language = request.buyer().language();
		var result = InvoiceCalculation.calculate(request.lines(), decision.category(), decision.ratePercent(),
				VatRules.exemptionReason(decision.scheme(), language));
		if (result.totals().taxExclusive().signum() < 0) {
			throw new InvalidInputException("lines", "an invoice's total may not be negative: issue a credit note");
		}
		var sealedBuyer = new SealedBuyer(buyer.name().strip(), buyer.street().strip(), buyer.postalCode().strip(),
				buyer.city().strip(), country, blankToNull(buyer.companyName()), blankToNull(buyer.kvkNumber()),
				vatNumber);
		String note = VatRules.note(decision.scheme(), language);
		return issueInTransaction(Kind.INVOICE, request.account(), request.customerNumber(), sealedBuyer,
				blankToNull(request.buyer().email()), language, decision.scheme(),
				check == null ? null : check.consultation(), result, note, null, null);
	}

	@Override
	public IssuedInvoice credit(InvoiceId invoiceId, CreditRequest request) {
		var original = invoices.stored(invoiceId.value())
			.filter(s -> s.kind() == Kind.INVOICE)
			.orElseThrow(() -> new NotFoundException("invoice"));
		String reason = request.reason().strip();
		if (reason.isEmpty() || reason.length() > 500) {
			throw new InvalidInputException("reason", "a credit note needs a reason of at most 500 characters");
		}
		var originalLines = invoices.lines(original.id());
		var category = originalLines.get(0).category();
		var rate = originalLines.get(0).ratePercent();
		List<PricedLine> priced = new ArrayList<>();
		if (request.isFull()) {
			for (var line : originalLines) {
				priced.add(new PricedLine(new InvoiceRequest.Line(line.description(), line.quantity(), line.unitCode(),
						line.unitPrice(), period(line.periodStart(), line.periodEnd()), line.sourceReference()),
						line.netAmount(), line.category(), line.ratePercent()));
			}
		}
		else {
			validLines(request.lines());
			for (var line : request.lines()) {
				priced.add(new PricedLine(line, InvoiceCalculation.lineNet(line.quantity(), line.unitPrice()), category,
						rate));
			}
		}
		Locale language = Locale.forLanguageTag(original.language());
		var result = InvoiceCalculation.summarise(priced, VatRules.exemptionReason(original.vatScheme(), language));
		if (result.totals().taxExclusive().signum() <= 0) {
			throw new InvalidInputException("lines", "a credit note credits a positive amount");
		}
		var buyer = openBuyer(original);
		String email = openEmail(original);
		boolean dutch = "nl".equals(language.getLanguage());
		String note = (dutch ? "Creditnota voor factuur " : "Credit note for invoice ") + original.number() + ": " + reason;
		String vatNote = VatRules.note(original.vatScheme(), language);
		if (vatNote != null) {
			note = note + ". " + vatNote;
		}
		return issueInTransaction(Kind.CREDIT_NOTE, original.account(), original.customerNumber(), buyer, email, language,
				original.vatScheme(), original.viesReference(), result, note, original, reason);
	}

	private IssuedInvoice issueInTransaction(Kind kind, AccountId account, io.kluis.shared.CustomerNumber customerNumber,
			SealedBuyer buyer, @Nullable String email, Locale language, VatScheme scheme, @Nullable String viesReference,
			InvoiceCalculation.Result result, @Nullable String note, Invoices.@Nullable Stored original,
			@Nullable String reason) {
		var issued = transactions.execute(tx -> {
			int year;
			Instant now;
			while (true) {
				// Lock the year's counter, then read the clock: the issue dates follow the numbers.
				year = yearOf(clock.instant());
				numbers.lock(year);
				now = clock.instant();
				if (yearOf(now) == year) {
					break;
				}
			}
			if (original != null) {
				// Under the year's lock, so two credit notes for one invoice cannot both pass this check.
				var remaining = invoiceTotal(original).subtract(invoices.credited(original.id()));
				if (result.totals().taxInclusive().compareTo(remaining) > 0) {
					throw new InvalidInputException("lines", "the credit exceeds what remains of the invoice ("
							+ remaining.toPlainString() + ")");
				}
			}
			long sequence = numbers.increment(year);
			LocalDate issueDate = LocalDate.ofInstant(now, properties.zone());
			var id = UUID.randomUUID();
			UUID fiscalSubject = fiscalSubject(account, year);
			Sealed sealedBuyer = cipher.seal(new AccountId(fiscalSubject), BUYER_FIELD, JSON.writeValueAsString(buyer));
			Sealed sealedEmail = email == null ? null : sealEmail(account, email);
			var lines = new ArrayList<Invoices.StoredLine>();
			int lineNo = 1;
			for (var line : result.lines()) {
				var period = line.line().period();
				lines.add(new Invoices.StoredLine(lineNo++, line.line().description().strip(), line.line().quantity(),
						line.line().unitCode(), line.line().unitPrice(), line.netAmount(), line.category(),
						InvoiceCalculation.rate(line.ratePercent()), period == null ? null : period.start(),
						period == null ? null : period.end(), blankToNull(line.line().sourceReference())));
			}
			var period = overall(result.lines());
			var stored = new Invoices.Stored(id, InvoiceNumbers.format(year, sequence), year, sequence, kind, account,
					customerNumber, original == null ? null : original.id(), original == null ? null : original.number(),
					original == null ? null : original.issueDate(), reason, now, issueDate,
					kind == Kind.INVOICE ? issueDate.plusDays(properties.paymentTermDays()) : null,
					period == null ? null : period.start(), period == null ? null : period.end(), language.getLanguage(),
					"EUR", PaymentReference.of(year, sequence), scheme, viesReference, buyer.countryCode(), fiscalSubject,
					sealedBuyer.bytes(), sealedEmail == null ? null : sealedEmail.bytes(),
					email == null ? null : emailIndex(email), sellerJson(), result.totals(),
					note, null);
			invoices.insert(stored, lines, result.vat());
			events.publishEvent(new InvoiceIssued(new InvoiceId(id), kind, stored.number(), account));
			return invoices.find(id).orElseThrow();
		});
		log.info("event=billing.invoice.issued invoice={} kind={} number={}", issued.id(), issued.kind(), issued.number());
		return issued;
	}

	@Override
	public Optional<IssuedInvoice> find(InvoiceId invoice) {
		return invoices.find(invoice.value());
	}

	@Override
	public Optional<IssuedInvoice> findByNumber(String number) {
		return invoices.findByNumber(number);
	}

	@Override
	public Optional<IssuedInvoice> findByPaymentReference(String paymentReference) {
		return invoices.findByPaymentReference(PaymentReference.normalise(paymentReference));
	}

	@Override
	public List<InvoicedLine> lines(InvoiceId invoice) {
		return invoices.lines(invoice.value()).stream()
			.map(l -> new InvoicedLine(l.lineNo(), l.description(), l.quantity(), l.unitCode(), l.unitPrice(),
					l.netAmount(), l.category(), l.ratePercent(), period(l.periodStart(), l.periodEnd()),
					l.sourceReference()))
			.toList();
	}

	@Override
	public List<IssuedInvoice> of(AccountId account) {
		return invoices.of(account);
	}

	@Override
	public InvoiceDocument toDocument(InvoiceId invoice) {
		var stored = invoices.stored(invoice.value()).orElseThrow(() -> new NotFoundException("invoice"));
		var buyer = openBuyer(stored);
		String email = openEmail(stored);
		var lines = invoices.lines(stored.id()).stream()
			.map(l -> new InvoiceDocument.Line(String.valueOf(l.lineNo()), l.description(), l.quantity(), l.unitCode(),
					l.unitPrice(), l.netAmount(), l.category(), l.ratePercent(), period(l.periodStart(), l.periodEnd())))
			.toList();
		Map<String, String> s = sellerOf(stored);
		var sellerParty = new Party(s.get("name"), s.get("street"), s.get("postalCode"), s.get("city"), s.get("country"),
				s.get("vatNumber"), s.get("kvk"), s.get("email"), new ElectronicAddress("0106", s.get("kvk")));
		String kvk = "NL".equals(buyer.countryCode()) ? buyer.kvkNumber() : null;
		ElectronicAddress address = kvk != null ? new ElectronicAddress("0106", kvk)
				: new ElectronicAddress("EM", email == null ? "" : email);
		var buyerParty = new Party(buyer.companyName() != null ? buyer.companyName() : buyer.name(), buyer.street(),
				buyer.postalCode(), buyer.city(), buyer.countryCode(), buyer.vatNumber(), kvk, email, address);
		boolean invoiceKind = stored.kind() == Kind.INVOICE;
		return new InvoiceDocument(stored.kind(), stored.number(), stored.issueDate(), stored.dueDate(),
				period(stored.periodStart(), stored.periodEnd()), stored.currency(), Locale.forLanguageTag(stored.language()),
				stored.precedingNumber() == null ? null : new Preceding(stored.precedingNumber(), stored.precedingDate()),
				stored.paymentReference(), stored.customerNumber().value(), sellerParty, buyerParty,
				invoiceKind ? new PaymentAccount(s.get("iban"), s.get("bic"), s.get("name")) : null, lines,
				invoices.vat(stored.id()), stored.totals(), stored.note());
	}

	/** The buyer's details as sealed on the stored document (fiscal subject key). */
	SealedBuyer openBuyer(Invoices.Stored stored) {
		String json = cipher.open(new AccountId(stored.fiscalSubject()), BUYER_FIELD,
				Sealed.fromBytes(stored.buyerSealed()));
		return JSON.readValue(json, SealedBuyer.class);
	}

	/** The buyer's email, or null when erased or when the account's key is gone. */
	@Nullable String openEmail(Invoices.Stored stored) {
		if (stored.buyerEmailSealed() == null) {
			return null;
		}
		try {
			return cipher.open(stored.account(), EMAIL_FIELD, Sealed.fromBytes(stored.buyerEmailSealed()));
		}
		catch (DataKeyDestroyedException e) {
			return null;
		}
	}

	private @Nullable Sealed sealEmail(AccountId account, String email) {
		try {
			return cipher.seal(account, EMAIL_FIELD, email);
		}
		catch (DataKeyDestroyedException e) {
			return null;
		}
	}

	/** The keyed hash by which a former customer's invoices are found by address alone (RIG-8). */
	byte[] emailIndex(String email) {
		return cipher.blindIndex(EMAIL_INDEX_FIELD, EmailAddress.of(email).canonical()).bytes();
	}

	/** One data key per account and fiscal year for the fiscal record (see the class comment). */
	static UUID fiscalSubject(AccountId account, int year) {
		return UUID.nameUUIDFromBytes(("kluis.billing.fiscal-subject:" + account + ":" + year)
			.getBytes(StandardCharsets.UTF_8));
	}

	int yearOf(Instant instant) {
		return LocalDate.ofInstant(instant, properties.zone()).getYear();
	}

	private BigDecimal invoiceTotal(Invoices.Stored original) {
		return original.totals().taxInclusive();
	}

	private String sellerJson() {
		var s = new LinkedHashMap<String, String>();
		s.put("name", seller.name());
		s.put("street", seller.street());
		s.put("postalCode", seller.postalCode());
		s.put("city", seller.city());
		s.put("country", seller.country());
		s.put("kvk", seller.kvk());
		s.put("vatNumber", seller.vatNumber());
		s.put("iban", seller.iban());
		if (seller.bic() != null) {
			s.put("bic", seller.bic());
		}
		if (seller.email() != null) {
			s.put("email", seller.email());
		}
		return JSON.writeValueAsString(s);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> sellerOf(Invoices.Stored stored) {
		return JSON.readValue(stored.sellerJson(), Map.class);
	}

	private static @Nullable Period overall(List<PricedLine> lines) {
		LocalDate start = null;
		LocalDate end = null;
		for (var line : lines) {
			var period = line.line().period();
			if (period == null) {
				return null;
			}
			start = start == null || period.start().isBefore(start) ? period.start() : start;
			end = end == null || period.end().isAfter(end) ? period.end() : end;
		}
		return start == null ? null : new Period(start, end);
	}

	private static @Nullable Period period(@Nullable LocalDate start, @Nullable LocalDate end) {
		return start == null || end == null ? null : new Period(start, end);
	}

	private static InvoiceRequest.Buyer validBuyer(InvoiceRequest.Buyer b) {
		required("buyer.name", b.name(), 200);
		required("buyer.street", b.street(), 200);
		required("buyer.postalCode", b.postalCode(), 20);
		required("buyer.city", b.city(), 100);
		String country = b.countryCode() == null ? "" : b.countryCode().strip().toUpperCase(Locale.ROOT);
		if (!COUNTRY.matcher(country).matches()) {
			throw new InvalidInputException("buyer.countryCode", "country code: two letters (ISO 3166-1), e.g. NL");
		}
		optional("buyer.companyName", b.companyName(), 200);
		String kvk = blankToNull(b.kvkNumber());
		if (kvk != null && !KVK.matcher(kvk).matches()) {
			throw new InvalidInputException("buyer.kvkNumber", "KvK number: 8 digits");
		}
		String vat = blankToNull(b.vatNumber());
		if (vat != null) {
			vat = VatNumberValidator.normalise(vat);
			if (!VatNumberValidator.FORMAT.matcher(vat).matches()) {
				throw new InvalidInputException("buyer.vatNumber",
						"VAT number: country prefix and 2 to 12 letters or digits, e.g. DE123456789");
			}
			String prefix = vat.substring(0, 2);
			if (!prefix.equals(country) && !("EL".equals(prefix) && "GR".equals(country))) {
				throw new InvalidInputException("buyer.vatNumber", "the VAT number's prefix does not match the country");
			}
		}
		String email = blankToNull(b.email());
		if (email != null) {
			try {
				email = EmailAddress.of(email).value();
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException("buyer.email", "email: a valid address");
			}
		}
		String language = b.language().getLanguage();
		if (!"nl".equals(language) && !"en".equals(language)) {
			throw new InvalidInputException("buyer.language", "language must be nl or en");
		}
		return new InvoiceRequest.Buyer(b.name(), b.street(), b.postalCode(), b.city(), country, b.companyName(), kvk,
				vat, email, Locale.forLanguageTag(language));
	}

	private static void validLines(@Nullable List<InvoiceRequest.Line> lines) {
		if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
			throw new InvalidInputException("lines", "an invoice has 1 to " + MAX_LINES + " lines");
		}
		for (int i = 0; i < lines.size(); i++) {
			var line = lines.get(i);
			String at = "lines[" + i + "]";
			required(at + ".description", line.description(), 500);
			if (line.quantity().signum() == 0 || line.quantity().scale() > 4
					|| line.quantity().abs().compareTo(new BigDecimal("1000000")) >= 0) {
				throw new InvalidInputException(at + ".quantity", "quantity: not zero, at most 4 decimals, below 1 000 000");
			}
			if (line.unitPrice().signum() < 0 || line.unitPrice().scale() > 4
					|| line.unitPrice().compareTo(new BigDecimal("100000000")) >= 0) {
				// EN 16931 BR-27: an item's price is never negative; a credit is a credit note
				throw new InvalidInputException(at + ".unitPrice",
						"unit price: not negative (a credit is a credit note), at most 4 decimals, below 100 000 000");
			}
			if (!UNIT.matcher(line.unitCode()).matches()) {
				throw new InvalidInputException(at + ".unitCode", "unit code: a UN/ECE Rec. 20 code such as C62, MON or ANN");
			}
			if (line.period() != null && line.period().end().isBefore(line.period().start())) {
				throw new InvalidInputException(at + ".period", "a period ends on or after its start");
			}
			optional(at + ".sourceReference", line.sourceReference(), 100);
		}
	}

	private static void required(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank() || value.length() > max) {
			throw new InvalidInputException(field, field + " is required, at most " + max + " characters");
		}
	}

	private static void optional(String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			throw new InvalidInputException(field, field + ": at most " + max + " characters");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
