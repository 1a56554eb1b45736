package io.kluis.billing.payments;

import io.kluis.shared.web.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
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
}
