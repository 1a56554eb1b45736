package io.kluis.billing.invoices;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices for staff with the BILLING role (SEC-4: invoices and payments are billing's part), over the API (HTTP Basic with an app password).
 * Every call states a {@code reason} (and optionally a {@code ticket}) and is audited.
 */
@RestController
@RequestMapping("/api/v1/admin/billing/invoices")
@PreAuthorize("hasRole('BILLING')")
class InvoicesAdminApi {

	record Summary(String id, String kind, String number, String customerNumber, LocalDate issueDate,
			@Nullable LocalDate dueDate, String vatScheme, String buyerCountry, BigDecimal taxExclusive,
			BigDecimal vatTotal, BigDecimal taxInclusive, @Nullable String correctsInvoice) {

		static Summary of(IssuedInvoice i) {
			return new Summary(i.id().toString(), i.kind().name(), i.number(), i.customerNumber().value(), i.issueDate(),
					i.dueDate(), i.vatScheme().name(), i.buyerCountry(), i.taxExclusive(), i.vatTotal(), i.taxInclusive(),
					i.precedingNumber());
		}
	}

	private final StaffInvoices staff;

	InvoicesAdminApi(StaffInvoices staff) {
		this.staff = staff;
	}

	@Operation(summary = "Search invoices and credit notes (BILLING): by number or customer number (q) and "
			+ "issue date; reason required, audited")
	@GetMapping
	List<Summary> search(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "") String ticket, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			Authentication authentication) {
		return staff.search(me(authentication), StaffInvoices.Reason.parse(reason), ticket, q, date("from", from),
				date("to", to)).stream().map(Summary::of).toList();
	}

	@Operation(summary = "One invoice or credit note with the buyer's details (BILLING); reason required, audited")
	@GetMapping("/{id}")
	InvoiceDocument open(@PathVariable String id, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "") String ticket, Authentication authentication) {
		var r = StaffInvoices.Reason.parse(reason);
		return staff.open(me(authentication), r, ticket, parse(id));
	}

	@Operation(summary = "CSV for the accountant: every invoice and credit note issued from..to (inclusive); "
			+ "reason required, audited")
	@GetMapping("/export.csv")
	ResponseEntity<byte[]> export(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(defaultValue = "") String ticket, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, Authentication authentication) {
		var r = StaffInvoices.Reason.parse(reason);
		LocalDate start = date("from", from);
		LocalDate end = date("to", to);
		if (start == null || end == null) {
			throw new InvalidInputException("from", "from and to (yyyy-MM-dd) are required");
		}
		String csv = InvoiceCsv.of(staff.export(me(authentication), r, ticket, start, end));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"invoices-" + start + "-" + end + ".csv\"")
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	private static AccountId me(Authentication authentication) {
		return SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
	}

	static InvoiceId parse(String id) {
		try {
			return new InvoiceId(UUID.fromString(id));
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("invoice");
		}
	}

	private static @Nullable LocalDate date(String field, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException(field, field + ": a date like 2026-12-31");
		}
	}
}
