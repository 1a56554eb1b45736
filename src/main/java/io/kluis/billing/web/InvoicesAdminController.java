package io.kluis.billing.web;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.document.InvoicePdf;
import io.kluis.billing.document.UblInvoices;
import io.kluis.billing.dunning.CollectionReason;
import io.kluis.billing.dunning.Collections;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.invoices.StaffInvoices;
import io.kluis.billing.invoices.StaffInvoices.Reason;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Staff pages for invoices (BILLING, as {@link StaffInvoices}): the same audited reads as the staff API.
 * The first page shows forms only; every page with customer billing data answers a POST that states a
 * reason (and optionally a ticket), recorded in the audit trail before anything is shown (SEC-4). A row
 * of the results opens the invoice with the search's reason, again audited. Actions on an invoice (the
 * collection hand-off, a full credit note) need a ticked confirmation. Bad input re-renders the form
 * with a 400 naming the field; an unknown or malformed invoice id is a 404.
 */
@Controller
@PreAuthorize("hasRole('BILLING')")
class InvoicesAdminController {

	static final String PATH = "/admin/billing/invoices";

	private final StaffInvoices staff;

	private final Invoicing invoicing;

	private final Collections collections;

	private final InvoicePdf pdf;

	private final InvoiceStatuses statuses;

	InvoicesAdminController(StaffInvoices staff, Invoicing invoicing, Collections collections, InvoicePdf pdf,
			InvoiceStatuses statuses) {
		this.staff = staff;
		this.invoicing = invoicing;
		this.collections = collections;
		this.pdf = pdf;
		this.statuses = statuses;
	}

	@GetMapping(PATH)
	String page(Model model) {
		model.addAttribute("reasons", Reason.values());
		return "billing/admin-invoices";
	}

	@PostMapping(PATH)
	ModelAndView search(@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String ticket,
			@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to, Authentication authentication) {
		var page = new ModelAndView("billing/admin-invoices");
		page.addObject("reasons", Reason.values());
		page.addObject("q", q);
		page.addObject("from", from);
		page.addObject("to", to);
		page.addObject("ticket", ticket);
		try {
			Reason r = Reason.parse(reason);
			var found = staff.search(me(authentication), r, ticket, q, date("from", from), date("to", to));
			page.addObject("reason", r);
			page.addObject("rows", statuses.of(found.stream().limit(InvoiceStatuses.SHOWN).toList()));
			page.addObject("more", found.size() > InvoiceStatuses.SHOWN);
			page.addObject("count", found.size());
		}
		catch (InvalidInputException e) {
			return invalid(page, e);
		}
		return page;
	}

	@PostMapping(PATH + "/export")
	Object export(@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String ticket,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			Authentication authentication) {
		try {
			Reason r = Reason.parse(reason);
			LocalDate start = date("exportFrom", from);
			LocalDate end = date("exportTo", to);
			if (start == null || end == null) {
				throw new InvalidInputException("exportFrom", "from and to are required");
			}
			String csv = staff.exportCsv(me(authentication), r, ticket, start, end);
			return ResponseEntity.ok()
				.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename("invoices-" + start + "-" + end + ".csv").build().toString())
				.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
				.body(csv.getBytes(StandardCharsets.UTF_8));
		}
		catch (InvalidInputException e) {
			var page = new ModelAndView("billing/admin-invoices");
			page.addObject("reasons", Reason.values());
			page.addObject("exportFrom", from);
			page.addObject("exportTo", to);
			return invalid(page, e);
		}
	}

	@PostMapping(PATH + "/{id}")
	String open(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String ticket, Authentication authentication, Model model) {
		InvoiceId invoiceId = id(id);
		Reason r = Reason.parse(reason);
		InvoiceDocument document = staff.open(me(authentication), r, ticket, invoiceId);
		IssuedInvoice invoice = invoicing.find(invoiceId).orElseThrow(() -> new NotFoundException("invoice"));
		var status = statuses.of(java.util.List.of(invoice)).get(0);
		model.addAttribute("invoice", invoice);
		model.addAttribute("document", document);
		model.addAttribute("status", status);
		model.addAttribute("reason", r);
		model.addAttribute("ticket", ticket.strip());
		if (status.status() == InvoiceStatuses.Status.OVERDUE) {
			model.addAttribute("stage", collections.stage(invoiceId));
			model.addAttribute("agencies", collections.agencies());
			model.addAttribute("collectionReasons", CollectionReason.values());
		}
		return "billing/admin-invoice";
	}

	@PostMapping(PATH + "/{id}/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String ticket, Authentication authentication) {
		InvoiceId invoiceId = id(id);
		var document = staff.open(me(authentication), Reason.parse(reason), ticket, invoiceId);
		return download(basename(document) + ".pdf", "application/pdf", pdf.render(document));
	}

	@PostMapping(PATH + "/{id}/ubl")
	ResponseEntity<byte[]> ubl(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "") String ticket, Authentication authentication) {
		InvoiceId invoiceId = id(id);
		var document = staff.open(me(authentication), Reason.parse(reason), ticket, invoiceId);
		return download(basename(document) + ".xml", "application/xml", UblInvoices.write(document));
	}

	@PostMapping(PATH + "/{id}/collection")
	ModelAndView handOff(@PathVariable String id, @RequestParam(defaultValue = "") String agency,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String ticket,
			@RequestParam(defaultValue = "false") boolean confirmed, Authentication authentication) {
		InvoiceId invoiceId = id(id);
		var invoice = invoicing.find(invoiceId).orElseThrow(() -> new NotFoundException("invoice"));
		var page = done(invoice, "collection");
		try {
			if (!confirmed) {
				throw new InvalidInputException("confirmed", "tick the confirmation to hand the invoice off");
			}
			var handOff = collections.handOff(me(authentication), invoiceId, agency, reason, ticket);
			page.addObject("agency", handOff.agency());
			page.addObject("disclosure", handOff.disclosure().value().toString());
		}
		catch (InvalidInputException e) {
			return refused(page, HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
		}
		catch (ConflictException e) {
			return refused(page, HttpStatus.CONFLICT, null, e.getMessage());
		}
		return page;
	}

	@PostMapping(PATH + "/{id}/credit-note")
	ModelAndView credit(@PathVariable String id, @RequestParam(defaultValue = "") String text,
			@RequestParam(defaultValue = "") String ticket, @RequestParam(defaultValue = "false") boolean confirmed,
			Authentication authentication) {
		InvoiceId invoiceId = id(id);
		var invoice = invoicing.find(invoiceId).orElseThrow(() -> new NotFoundException("invoice"));
		var page = done(invoice, "credit-note");
		try {
			if (!confirmed) {
				throw new InvalidInputException("confirmed", "tick the confirmation to issue the credit note");
			}
			var credit = staff.creditInFull(me(authentication), ticket, invoiceId, text);
			page.addObject("creditNote", credit);
		}
		catch (InvalidInputException e) {
			return refused(page, HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
		}
		return page;
	}

	private static ModelAndView done(IssuedInvoice invoice, String action) {
		var page = new ModelAndView("billing/admin-invoice-done");
		page.addObject("invoice", invoice);
		page.addObject("action", action);
		return page;
	}

	private static ModelAndView refused(ModelAndView page, HttpStatus status, @Nullable String field, String message) {
		page.setStatus(status);
		page.addObject("refused", status.value());
		page.addObject("invalidField", field);
		page.addObject("invalidMessage", message);
		return page;
	}

	private static ModelAndView invalid(ModelAndView page, InvalidInputException e) {
		page.setStatus(HttpStatus.BAD_REQUEST);
		page.addObject("invalidField", e.field());
		page.addObject("invalidMessage", e.getMessage());
		return page;
	}

	private static ResponseEntity<byte[]> download(String filename, String contentType, byte[] content) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(contentType))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(content);
	}

	/** {@code invoice-2026-000001} or {@code credit-note-2026-000002}: no personal data in a file name. */
	private static String basename(InvoiceDocument document) {
		return (document.kind() == InvoiceDocument.Kind.CREDIT_NOTE ? "credit-note-" : "invoice-") + document.number();
	}

	private static AccountId me(Authentication authentication) {
		return SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
	}

	/** A malformed id names nothing that exists: 404, like an unknown one. */
	private static InvoiceId id(String value) {
		try {
			return new InvoiceId(UUID.fromString(value));
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("invoice");
		}
	}

	private static @Nullable LocalDate date(String field, String text) {
		if (text.isBlank()) {
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
