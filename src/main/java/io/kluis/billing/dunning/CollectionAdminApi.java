package io.kluis.billing.dunning;

import io.kluis.billing.invoices.InvoiceId;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The collection hand-off for staff with the BILLING role (BIL-4; SEC-4: payments are billing's part). */
@RestController
@RequestMapping("/api/v1/admin/billing/invoices")
@PreAuthorize("hasRole('BILLING')")
class CollectionAdminApi {

	/**
	 * @param agency the register's id of the collection agency, e.g. {@code collection-agency}
	 * @param reason UNPAID_AFTER_REMINDERS, PAYMENT_ARRANGEMENT_BROKEN or NO_RESPONSE
	 * @param ticket an optional ticket reference
	 */
	record CollectionRequest(@Nullable String agency, @Nullable String reason, @Nullable String ticket) {
	}

	record CollectionView(String invoice, String invoiceNumber, String agency, String disclosure) {
	}

	private final Collections collections;

	CollectionAdminApi(Collections collections) {
		this.collections = collections;
	}

	@Operation(summary = "Hand an unpaid, suspended invoice to a collection agency (BILLING): recorded as a "
			+ "disclosure in the customer's export; reason required, audited")
	@PostMapping("/{id}/collection")
	@ResponseStatus(HttpStatus.CREATED)
	CollectionView handOff(@PathVariable String id, @RequestBody(required = false) @Nullable CollectionRequest body,
			Authentication authentication) {
		AccountId staff = SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
		InvoiceId invoice;
		try {
			invoice = new InvoiceId(UUID.fromString(id));
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("invoice");
		}
		var request = body == null ? new CollectionRequest(null, null, null) : body;
		var done = collections.handOff(staff, invoice, request.agency(), request.reason(), request.ticket());
		return new CollectionView(done.invoice().toString(), done.invoiceNumber(), done.agency(),
				done.disclosure().value().toString());
	}
}
