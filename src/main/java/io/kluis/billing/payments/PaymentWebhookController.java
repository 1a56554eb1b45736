package io.kluis.billing.payments;

import io.kluis.shared.web.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mollie's webhook: {@code POST id=tr_…} (form-encoded), unsigned and unauthenticated by design. Only
 * the id is read; any other field (a forged {@code status}, an amount) is ignored, and the payment's
 * state is fetched from Mollie's API ({@link Payments#refresh}). Answers 200 for every well-formed id,
 * known or not (Mollie's advice: a prober learns nothing, and Mollie stops retrying), 400 for a body
 * without exactly one well-formed id. The form body is bounded by {@code kluis.web.max-form-body}.
 */
@RestController
class PaymentWebhookController {

	static final String MOLLIE = Payments.WEBHOOK_PATH + "mollie";

	static final String EVENT_PROVIDER_UNAVAILABLE = "BILLING_PAYMENT_PROVIDER_UNAVAILABLE";

	private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

	private static final Pattern MOLLIE_PAYMENT_ID = Pattern.compile("tr_[A-Za-z0-9]{1,64}");

	private final Payments payments;

	PaymentWebhookController(Payments payments) {
		this.payments = payments;
	}

	@PostMapping(MOLLIE)
	ResponseEntity<Void> mollie(HttpServletRequest request) {
		String[] ids = request.getParameterValues("id");
		if (ids == null || ids.length != 1 || !MOLLIE_PAYMENT_ID.matcher(ids[0]).matches()) {
			throw new InvalidInputException("id", "exactly one payment id (tr_ followed by letters and digits) is required");
		}
		payments.refresh("mollie", ids[0]);
		return ResponseEntity.ok().build();
	}

	/**
	 * Mollie could not be asked (down, timed out, refused Kluis' key): 503, so Mollie delivers the
	 * webhook again later (it retries on any answer but 2xx); nothing was recorded.
	 */
	@ExceptionHandler(PaymentProviderException.class)
	ResponseEntity<ProblemDetail> providerUnavailable(PaymentProviderException e) {
		log.warn("{} status={}", EVENT_PROVIDER_UNAVAILABLE, e.status());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The payment provider could not be asked for the payment's status; deliver the webhook again later."));
	}
}
