package io.kluis.billing.invoicing;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer downloads an invoice or credit note as PDF or UBL e-invoice, over the API
 * ({@code /api/v1/invoices/{id}/pdf|ubl}, beside {@code GET /api/v1/invoices}) and from the panel's
 * billing page ({@code /panel/billing/invoices/{id}/pdf|ubl}). Another customer's id, a malformed one
 * and one that does not exist are all 404. Files are {@code attachment}s named by the document number.
 */
@RestController
@PreAuthorize("hasRole('CUSTOMER')")
class InvoiceDownloads {

	private final InvoiceFiles files;

	InvoiceDownloads(InvoiceFiles files) {
		this.files = files;
	}

	@Operation(summary = "One of your invoices or credit notes as PDF; 404 for any other id")
	@GetMapping(path = { "/api/v1/invoices/{id}/pdf", "/panel/billing/invoices/{id}/pdf" })
	ResponseEntity<byte[]> pdf(@PathVariable String id, Authentication authentication) {
		var invoice = files.own(me(authentication), id).orElseThrow(InvoiceFiles::notFound);
		return download(files.pdf(invoice));
	}

	@Operation(summary = "One of your invoices or credit notes as UBL 2.1 e-invoice (Peppol BIS Billing 3.0); 404 for any other id")
	@GetMapping(path = { "/api/v1/invoices/{id}/ubl", "/panel/billing/invoices/{id}/ubl" })
	ResponseEntity<byte[]> ubl(@PathVariable String id, Authentication authentication) {
		var invoice = files.own(me(authentication), id).orElseThrow(InvoiceFiles::notFound);
		return download(files.ubl(invoice));
	}

	private static ResponseEntity<byte[]> download(InvoiceFiles.File file) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename()).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(file.content());
	}

	private static AccountId me(Authentication authentication) {
		return SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
	}
}
