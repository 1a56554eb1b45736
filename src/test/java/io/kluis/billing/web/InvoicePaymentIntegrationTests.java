package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.invoices.InvoiceRequest;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.settlement.Settlements;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
	AppPasswords appPasswords;

	@Autowired
	Invoicing invoicing;

	@Autowired
	Settlements settlements;

	record Customer(TestAccounts.Known known, String appPassword) {
	}

	Customer customer() {
		var known = TestAccounts.in(context).verified(Locale.ENGLISH);
		return new Customer(known,
				appPasswords.create(known.id(), "pay", EnumSet.allOf(AppPasswordScope.class)).secret());
	}

	IssuedInvoice invoiceFor(Customer c) {
		return invoiceFor(c, new BigDecimal("2.00"));
	}

	IssuedInvoice invoiceFor(Customer c, BigDecimal net) {
		var buyer = new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null,
				"jan@example.org", Locale.forLanguageTag("nl"));
		return invoicing.issue(new InvoiceRequest(c.known().id(),
				CustomerNumber.fromDigits(String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000))),
				buyer, List.of(new InvoiceRequest.Line("Opslag 100 GB", BigDecimal.ONE, "MON", net,
						new InvoiceDocument.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)), null))));
	}

	MockHttpServletResponse pay(Customer c, String invoice) throws Exception {
		return mvc.perform(post("/api/v1/invoices/" + invoice + "/payments")
			.with(httpBasic(c.known().email(), c.appPassword()))
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
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
