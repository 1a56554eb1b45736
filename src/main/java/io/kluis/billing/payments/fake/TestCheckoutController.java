package io.kluis.billing.payments.fake;

import io.kluis.billing.payments.PaymentProviderException;
import io.kluis.billing.payments.PaymentStatus;
import io.kluis.billing.payments.Payments;
import io.kluis.billing.payments.ProviderPayment;
import io.kluis.billing.payments.mollie.MollieConfigured;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The local test checkout, active only while no Mollie key is configured: shows the payment and lets
 * whoever has its link decide the outcome (paid, failed, cancelled), then records it as a webhook
 * would ({@link Payments#refresh}, which asks the provider, here the in-memory one) and sends the
 * browser back to where Kluis asked.
 */
@Controller
@Conditional(MollieConfigured.Absent.class)
class TestCheckoutController {

	static final String PATH = "/billing/test-checkout/";

	private static final Map<String, PaymentStatus> OUTCOMES = Map.of("paid", PaymentStatus.PAID, "failed",
			PaymentStatus.FAILED, "canceled", PaymentStatus.CANCELED, "expired", PaymentStatus.EXPIRED);

	private final FakePaymentProvider provider;

	private final Payments payments;

	TestCheckoutController(FakePaymentProvider provider, Payments payments) {
		this.provider = provider;
		this.payments = payments;
	}

	@GetMapping(PATH + "{id}")
	String page(@PathVariable String id, Model model) {
		model.addAttribute("payment", payment(id));
		return "billing/test-checkout";
	}

	@PostMapping(PATH + "{id}")
	String decide(@PathVariable String id, @RequestParam(defaultValue = "") String outcome) {
		ProviderPayment payment = payment(id);
		PaymentStatus status = OUTCOMES.get(outcome);
		if (status == null) {
			throw new InvalidInputException("outcome", "outcome must be paid, failed, canceled or expired");
		}
		provider.settle(payment.id(), status);
		payments.refresh(provider.name(), payment.id());
		return "redirect:" + provider.redirectOf(payment.id()).map(Object::toString).orElse("/");
	}

	private ProviderPayment payment(String id) {
		try {
			return provider.fetch(id);
		}
		catch (PaymentProviderException e) {
			throw new NotFoundException("payment");
		}
	}
}
