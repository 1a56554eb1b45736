package io.kluis.billing.web;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.idempotency.IdempotentRequests;
import io.kluis.billing.invoices.InvoiceId;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.payments.EuroAmount;
import io.kluis.billing.payments.Payment;
import io.kluis.billing.payments.PaymentId;
import io.kluis.billing.payments.PaymentProviderException;
import io.kluis.billing.payments.Payments;
import io.kluis.billing.payments.StartedPayment;
import io.kluis.billing.settlement.Settlements;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.BusyException;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.shared.web.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer pays an open invoice online (BIL-3): Kluis starts a payment at the provider for what is
 * still open and sends the customer to its checkout (Mollie; the local test checkout without a key).
 * The payment's payable reference is the invoice id; when the provider reports it paid (webhook, never
 * the customer's return), settlements mark the invoice paid and activate or resume its subscriptions.
 * Another customer's invoice, or a credit note, is a 404; an invoice with nothing open a 409.
 */
@org.springframework.stereotype.Component
class InvoicePayments {

	private static final Logger log = LoggerFactory.getLogger(InvoicePayments.class);

	private final Invoicing invoicing;

	private final Settlements settlements;

	private final Payments payments;

	private final URI returnUrl;

	private final IdempotentRequests idempotency;

	InvoicePayments(Invoicing invoicing, Settlements settlements, Payments payments, IdempotentRequests idempotency,
			@Value("${kluis.base-url}") String baseUrl) {
		this.idempotency = idempotency;
		this.invoicing = invoicing;
		this.settlements = settlements;
		this.payments = payments;
		this.returnUrl = URI.create(baseUrl.replaceAll("/+$", "") + "/panel/billing");
	}

	/** A started payment: where to send the customer, and what is being paid. */
	record PaymentStarted(UUID paymentId, String invoiceNumber, BigDecimal amount, String currency,
			@Nullable URI checkoutUrl) {
	}

	/** The API: 201 with the checkout URL (problem documents for refusals, as every /api/v1 endpoint). */
	@RestController
	@PreAuthorize("hasRole('CUSTOMER')")
	static class Api {

		private final InvoicePayments payments;

		Api(InvoicePayments payments) {
			this.payments = payments;
		}

		@Operation(summary = "Pay an open invoice online: starts a payment of what is open and returns the checkout URL",
				description = "Send an Idempotency-Key header (such as a fresh UUID) to make retries safe: the same key "
						+ "from the same account within 24 hours answers with the first payment instead of starting "
						+ "another; the same key for another invoice is refused with 422.")
		@PostMapping("/api/v1/invoices/{id}/payments")
		ResponseEntity<PaymentStarted> pay(@PathVariable String id,
				@Parameter(description = "Makes retries safe: the same key within 24 hours returns the first payment "
						+ "(1 to 255 visible ASCII characters)") @RequestHeader(name = IdempotentRequests.HEADER,
						required = false) @Nullable String idempotencyKey,
				Authentication authentication) {
			AccountId account = SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("invoice"));
			PaymentStarted started = payments.idempotency.onceCallingOut(account, "invoice-payment", idempotencyKey, id,
					() -> payments.start(id, authentication), PaymentStarted::paymentId, payments::replay);
			return ResponseEntity.status(HttpStatus.CREATED).body(started);
		}
	}

	/** The panel's pay button: straight to the checkout. */
	@Controller
	@PreAuthorize("hasRole('CUSTOMER')")
	static class Panel {

		private final InvoicePayments payments;

		Panel(InvoicePayments payments) {
			this.payments = payments;
		}

		@PostMapping("/panel/billing/invoices/{id}/pay")
		String pay(@PathVariable String id, Authentication authentication) {
			var started = payments.start(id, authentication);
			return "redirect:" + (started.checkoutUrl() != null ? started.checkoutUrl() : payments.returnUrl);
		}
	}

	PaymentStarted start(String id, Authentication authentication) {
		AccountId account = SignedIn.of(authentication).orElseThrow(() -> new NotFoundException("invoice"));
		IssuedInvoice invoice = parse(id).flatMap(invoicing::find)
			.filter(i -> i.account().equals(account) && i.kind() == InvoiceDocument.Kind.INVOICE)
			.orElseThrow(() -> new NotFoundException("invoice"));
		BigDecimal open = settlements.openAmount(invoice.id()).setScale(2, RoundingMode.HALF_UP);
		if (open.signum() <= 0) {
			throw new ConflictException("Nothing is open on this invoice.");
		}
		String description = (isDutch() ? "Factuur " : "Invoice ") + invoice.number();
		StartedPayment started;
		try {
			started = payments.start(account, invoice.id().value().toString(), new EuroAmount(open), description,
					returnUrl);
		}
		catch (PaymentProviderException e) {
			log.warn("event=billing.payment.start-failed invoice={} status={}", invoice.id().value(), e.status());
			throw new BusyException("The payment provider did not answer; try again in a minute.", Duration.ofMinutes(1));
		}
		return new PaymentStarted(started.payment().id().value(), invoice.number(), open, EuroAmount.CURRENCY,
				started.checkoutUrl());
	}

	/** The answer of a payment started earlier (an Idempotency-Key's replay), its checkout as the provider has it now. */
	PaymentStarted replay(UUID paymentId) {
		Payment payment = payments.find(new PaymentId(paymentId)).orElseThrow(() -> new NotFoundException("payment"));
		IssuedInvoice invoice = parse(payment.payableReference()).flatMap(invoicing::find)
			.orElseThrow(() -> new NotFoundException("invoice"));
		URI checkout;
		try {
			checkout = payments.checkoutUrl(payment.id()).orElse(null);
		}
		catch (PaymentProviderException e) {
			throw new BusyException("The payment provider did not answer; try again in a minute.", Duration.ofMinutes(1));
		}
		return new PaymentStarted(payment.id().value(), invoice.number(), payment.amount().value(), EuroAmount.CURRENCY,
				checkout);
	}

	private static java.util.Optional<InvoiceId> parse(String id) {
		try {
			return java.util.Optional.of(new InvoiceId(UUID.fromString(id)));
		}
		catch (IllegalArgumentException e) {
			return java.util.Optional.empty();
		}
	}

	private static boolean isDutch() {
		return "nl".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
	}
}
