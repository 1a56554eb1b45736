package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.BillingFixtures;
import io.kluis.billing.BillingFixtures.ApiCustomer;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.payments.Payments;
import io.kluis.billing.settlement.Settlements;
import io.kluis.identity.TestAccounts;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer pays an open invoice online: the API and the panel start a payment of what is open and
 * send the customer to the checkout; the provider's report (here the local test checkout) settles the
 * invoice. Another customer's invoice is a 404, a paid one a 409.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class InvoicePaymentIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Invoicing invoicing;

	@Autowired
	Settlements settlements;

	@Autowired
	Payments payments;

	BillingFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = BillingFixtures.in(context);
	}

	ApiCustomer customer() {
		return fixtures.apiCustomer();
	}

	IssuedInvoice invoiceFor(ApiCustomer c) {
		return fixtures.openInvoice(c.known());
	}

	IssuedInvoice invoiceFor(ApiCustomer c, BigDecimal net) {
		return fixtures.openInvoice(c.known(), net);
	}

	MockHttpServletResponse pay(ApiCustomer c, String invoice) throws Exception {
		return pay(c, invoice, null);
	}

	MockHttpServletResponse pay(ApiCustomer c, String invoice, @Nullable String idempotencyKey) throws Exception {
		var request = post("/api/v1/invoices/" + invoice + "/payments").with(c.basic())
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.accept(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	@DisplayName("BIL-3: paying an invoice over the API starts a payment of what is open; the checkout's paid report settles it, then nothing is open")
	void payOverTheApi() throws Exception {
		var c = customer();
		var invoice = invoiceFor(c);
		assertThat(invoice.taxInclusive()).isEqualByComparingTo("2.42");

		var started = pay(c, invoice.id().value().toString());
		assertThat(started.getStatus()).isEqualTo(201);
		var body = JSON.readTree(started.getContentAsString());
		assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("2.42");
		assertThat(body.get("invoiceNumber").asString()).isEqualTo(invoice.number());
		URI checkout = URI.create(body.get("checkoutUrl").asString());
		assertThat(checkout.getPath()).startsWith("/billing/test-checkout/tr_");

		mvc.perform(post(checkout.getPath()).param("outcome", "paid").with(csrf()));
		assertThat(settlements.paid(invoice.id())).isTrue();
		assertThat(pay(c, invoice.id().value().toString()).getStatus()).as("nothing open any more").isEqualTo(409);
	}

	@Test
	@DisplayName("BIL-3: the panel's pay button sends the customer to the checkout")
	void payInThePanel() throws Exception {
		var c = customer();
		var invoice = invoiceFor(c);
		var panel = authentication(TestAccounts.in(context).authentication(c.known().id(), false));
		assertThat(mvc.perform(get("/panel/billing").with(panel)).andReturn().getResponse().getContentAsString())
			.contains("/panel/billing/invoices/" + invoice.id().value() + "/pay").contains("2.42");
		var response = mvc.perform(post("/panel/billing/invoices/" + invoice.id().value() + "/pay")
			.with(panel)
			.with(csrf())).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).contains("/billing/test-checkout/tr_");
		mvc.perform(post(URI.create(response.getRedirectedUrl()).getPath()).param("outcome", "paid").with(csrf()));
		assertThat(mvc.perform(get("/panel/billing").with(panel)).andReturn().getResponse().getContentAsString())
			.doesNotContain("/panel/billing/invoices/" + invoice.id().value() + "/pay");
	}

	@Test
	@DisplayName("BIL-3: the same Idempotency-Key again answers with the first payment (same id and checkout) and starts no second one")
	void sameIdempotencyKeyStartsOnePayment() throws Exception {
		var c = customer();
		var invoice = invoiceFor(c);
		String key = UUID.randomUUID().toString();

		var first = pay(c, invoice.id().value().toString(), key);
		var again = pay(c, invoice.id().value().toString(), key);

		assertThat(first.getStatus()).isEqualTo(201);
		assertThat(again.getStatus()).isEqualTo(201);
		var firstBody = JSON.readTree(first.getContentAsString());
		var againBody = JSON.readTree(again.getContentAsString());
		assertThat(againBody.get("paymentId")).isEqualTo(firstBody.get("paymentId"));
		assertThat(againBody.get("checkoutUrl")).isEqualTo(firstBody.get("checkoutUrl"));
		assertThat(againBody.get("amount").decimalValue()).isEqualByComparingTo("2.42");
		assertThat(payments.forPayable(invoice.id().value().toString())).hasSize(1);

		var other = pay(c, invoice.id().value().toString(), UUID.randomUUID().toString());
		assertThat(other.getStatus()).as("another key is another request").isEqualTo(201);
		assertThat(payments.forPayable(invoice.id().value().toString())).hasSize(2);
	}

	@Test
	@DisplayName("BIL-3: the same Idempotency-Key for another invoice is a 422 problem and starts nothing; a malformed key is a 400")
	void idempotencyKeyReusedOrMalformed() throws Exception {
		var c = customer();
		var invoice = invoiceFor(c);
		var second = invoiceFor(c);
		String key = UUID.randomUUID().toString();
		assertThat(pay(c, invoice.id().value().toString(), key).getStatus()).isEqualTo(201);

		var reused = pay(c, second.id().value().toString(), key);
		assertThat(reused.getStatus()).isEqualTo(422);
		assertThat(reused.getContentType()).startsWith("application/problem+json");
		assertThat(reused.getContentAsString()).contains("Idempotency-Key").doesNotContain(key);
		assertThat(payments.forPayable(second.id().value().toString())).isEmpty();

		var malformed = pay(c, second.id().value().toString(), "x".repeat(256));
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(malformed.getContentType()).startsWith("application/problem+json");
		assertThat(payments.forPayable(second.id().value().toString())).isEmpty();
	}

	@Test
	@DisplayName("SEC-4: another customer's same Idempotency-Key is their own: it neither replays nor blocks")
	void idempotencyKeysArePerAccount() throws Exception {
		var owner = customer();
		var other = customer();
		String key = UUID.randomUUID().toString();
		var ownersInvoice = invoiceFor(owner);
		assertThat(pay(owner, ownersInvoice.id().value().toString(), key).getStatus()).isEqualTo(201);
		assertThat(pay(other, ownersInvoice.id().value().toString(), key).getStatus()).isEqualTo(404);
		var othersInvoice = invoiceFor(other);
		assertThat(pay(other, othersInvoice.id().value().toString(), key).getStatus()).isEqualTo(201);
	}

	@Test
	@DisplayName("BIL-3: the pay button shows the open amount in cents, in English and Dutch (EUR 12.10, not 12.1)")
	void payButtonShowsCents() throws Exception {
		var c = customer();
		var invoice = invoiceFor(c, new BigDecimal("10.00"));
		assertThat(invoice.taxInclusive()).isEqualByComparingTo("12.10");
		var panel = authentication(TestAccounts.in(context).authentication(c.known().id(), false));
		assertThat(mvc.perform(get("/panel/billing").with(panel).locale(Locale.ENGLISH)).andReturn().getResponse()
			.getContentAsString()).contains("Pay € 12.10<");
		assertThat(mvc.perform(get("/panel/billing").with(panel).locale(Locale.forLanguageTag("nl"))).andReturn()
			.getResponse()
			.getContentAsString()).contains("Betaal € 12.10<");
	}

	@Test
	@DisplayName("SEC-4: another customer's invoice and a malformed id are a 404, and nothing is started")
	void othersInvoicesAreNotFound() throws Exception {
		var owner = customer();
		var other = customer();
		var invoice = invoiceFor(owner);
		assertThat(pay(other, invoice.id().value().toString()).getStatus()).isEqualTo(404);
		assertThat(pay(other, "not-a-uuid").getStatus()).isEqualTo(404);
		assertThat(pay(other, UUID.randomUUID().toString()).getStatus()).isEqualTo(404);
		assertThat(settlements.openAmount(invoice.id())).isEqualByComparingTo("2.42");
	}
}
