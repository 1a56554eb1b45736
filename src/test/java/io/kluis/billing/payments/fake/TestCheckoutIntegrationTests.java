package io.kluis.billing.payments.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.payments.EuroAmount;
import io.kluis.billing.payments.PaymentReceived;
import io.kluis.billing.payments.PaymentStatus;
import io.kluis.billing.payments.Payments;
import io.kluis.billing.payments.StartedPayment;
import io.kluis.shared.AccountId;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without a Mollie key (development, the default test context) payments go to the local test
 * checkout: a public page where the outcome is chosen; paid is recorded like a webhook would and
 * announced once.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class TestCheckoutIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Payments payments;

	@Autowired
	ApplicationEvents events;

	@Test
	@DisplayName("The test checkout shows the payment; choosing paid records it, publishes PaymentReceived and returns to the redirect URL")
	void testCheckoutPays() throws Exception {
		assertThat(payments.providerName()).isEqualTo(FakePaymentProvider.NAME);
		StartedPayment started = payments.start(AccountId.random(), "invoice-T1", EuroAmount.of("9.99"),
				"Factuur 2026-000100", URI.create("http://localhost:8080/panel/billing"));
		String path = started.checkoutUrl().getPath();
		assertThat(path).startsWith("/billing/test-checkout/tr_");

		mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("9.99")));
		mvc.perform(post(path).param("outcome", "paid").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("http://localhost:8080/panel/billing"));
		mvc.perform(post(path).param("outcome", "failed").with(csrf())).andExpect(status().is3xxRedirection());

		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(events.stream(PaymentReceived.class).filter(e -> e.paymentId().equals(started.payment().id())))
			.hasSize(1);
	}

	@Test
	@DisplayName("An unknown payment is 404, an unknown outcome 400, a post without CSRF token refused")
	void refusals() throws Exception {
		StartedPayment started = payments.start(AccountId.random(), "invoice-T2", EuroAmount.of("1.00"),
				"Factuur 2026-000101", URI.create("http://localhost:8080/panel/billing"));
		String path = started.checkoutUrl().getPath();
		mvc.perform(get("/billing/test-checkout/tr_unknown")).andExpect(status().isNotFound());
		mvc.perform(post(path).param("outcome", "refunded").with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post(path).param("outcome", "paid")).andExpect(status().isForbidden());
		assertThat(payments.find(started.payment().id()).orElseThrow().status()).isEqualTo(PaymentStatus.OPEN);
	}
}
