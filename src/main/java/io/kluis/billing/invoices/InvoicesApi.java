package io.kluis.billing.invoices;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's own invoices and credit notes over the API. Another customer's invoice is a 404,
 * exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/invoices")
@PreAuthorize("hasRole('CUSTOMER')")
class InvoicesApi {

	record InvoiceView(String id, String kind, String number, LocalDate issueDate, @Nullable LocalDate dueDate,
			String paymentReference, BigDecimal taxExclusive, BigDecimal vatTotal, BigDecimal taxInclusive,
			@Nullable String correctsInvoice) {

		static InvoiceView of(IssuedInvoice i) {
			return new InvoiceView(i.id().toString(), i.kind().name(), i.number(), i.issueDate(), i.dueDate(),
					i.paymentReference(), i.taxExclusive(), i.vatTotal(), i.taxInclusive(), i.precedingNumber());
		}
	}

	private final Invoicing invoicing;

	InvoicesApi(Invoicing invoicing) {
		this.invoicing = invoicing;
	}

	@Operation(summary = "Your invoices and credit notes, newest first")
	@GetMapping
	List<InvoiceView> mine(Authentication authentication) {
		return invoicing.of(me(authentication)).stream().map(InvoiceView::of).toList();
	}

	@Operation(summary = "One of your invoices or credit notes; 404 for any other id")
	@GetMapping("/{id}")
	InvoiceView one(@PathVariable String id, Authentication authentication) {
		var me = me(authentication);
		return invoicing.find(InvoicesAdminApi.parse(id))
			.filter(i -> i.account().equals(me))
			.map(InvoiceView::of)
			.orElseThrow(() -> new NotFoundException("invoice"));
	}

	private static AccountId me(Authentication authentication) {
		return SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("account"));
	}
}
