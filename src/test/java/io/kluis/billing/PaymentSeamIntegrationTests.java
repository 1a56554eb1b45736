package io.kluis.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.PlanDraft;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Ordering;
import io.kluis.billing.orders.ProfileInput;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.TermsVersions;
import io.kluis.storage.files.StorageProperties;
import io.kluis.storage.files.Usage;
import java.util.UUID;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment seam with {@code kluis.billing.payment-required=true}: an order waits for its first payment
 * ({@code PENDING_PAYMENT}, nothing provisioned) until the payment code calls
 * {@link BillingSubscriptions#markPaid}; dunning's {@code suspend} and {@code resume} reach the provisioner.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kluis.billing.payment-required=true")
class PaymentSeamIntegrationTests extends WithMailbox {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Autowired
	Catalogue catalogue;

	@Autowired
	Ordering ordering;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	SubscriptionLifecycle lifecycle;

	@Autowired
	TermsVersions terms;

	@Autowired
	Usage usage;

	@Autowired
	StorageProperties storage;

	@Autowired
	io.kluis.storage.files.ReadOnlyStorage readOnly;

	@Test
	@DisplayName("BIL-1: with payment required a subscription is provisioned only when markPaid is called; "
			+ "dunning suspends and resumes it; ending the contract at erasure returns the default quota")
	void aSubscriptionWaitsForItsFirstPayment() {
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Storage " + UUID.randomUUID(), "");
		UUID plan = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "50 GB", "1.50", null, "50"));
		var customer = TestAccounts.in(context).verified();
		Order order = ordering.place(customer.id(), new Ordering.Request(plan, "month", terms.current(),
				new ProfileInput("A B", "Street 1", "1000 AA", "Amsterdam", "NL", null, null, null), Order.Channel.API));
		var ref = new SubscriptionRef(order.subscriptionId());

		assertThat(subscriptions.find(ref).orElseThrow().status()).isEqualTo(SubscriptionStatus.PENDING_PAYMENT);
		assertThat(usage.of(customer.id()).quota()).as("nothing provisioned before payment")
			.isEqualTo(storage.defaultQuota().toBytes());

		subscriptions.markPaid(ref);
		assertThat(subscriptions.find(ref).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(usage.of(customer.id()).quota()).isEqualTo(50_000_000_000L);
		subscriptions.markPaid(ref);
		assertThat(subscriptions.find(ref).orElseThrow().status()).as("idempotent").isEqualTo(SubscriptionStatus.ACTIVE);

		subscriptions.suspend(ref);
		assertThat(subscriptions.find(ref).orElseThrow().status()).isEqualTo(SubscriptionStatus.SUSPENDED);
		assertThat(readOnly.reasons(customer.id())).as("suspended storage is read-only")
			.containsExactly(io.kluis.storage.files.ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		subscriptions.resume(ref);
		assertThat(subscriptions.find(ref).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(readOnly.reasons(customer.id())).as("paying lifts it at once").isEmpty();

		assertThat(lifecycle.endAllNow(customer.id())).isEqualTo(1);
		assertThat(usage.of(customer.id()).quota()).isEqualTo(storage.defaultQuota().toBytes());
		assertThat(readOnly.reasons(customer.id()))
			.as("ended at erasure: the files go with the account, so no read-only state (and no plan-end mail)")
			.isEmpty();
		assertThatThrownBy(() -> subscriptions.markPaid(ref)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	@DisplayName("BIL-2: with payment required the panel's order says the subscription starts when its invoice is paid, "
			+ "not that it is active")
	void thePanelSaysAnOrderWaitsForPayment() throws Exception {
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Storage " + UUID.randomUUID(), "");
		UUID plan = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "50 GB", "1.50", null, "50"));
		var customer = TestAccounts.in(context).verified(java.util.Locale.ENGLISH);
		var as = authentication(TestAccounts.in(context).authentication(customer.id(), false));
		var placed = mvc.perform(post("/panel/billing/orders").with(as).with(csrf())
			.param("planAndPeriod", plan + ":month").param("acceptedTermsVersion", terms.current())
			.param("acceptTerms", "on").param("name", "A B").param("street", "Street 1")
			.param("postalCode", "1000 AA").param("city", "Amsterdam").param("country", "NL"))
			.andReturn().getResponse();
		assertThat(placed.getRedirectedUrl()).isEqualTo("/panel/billing?ordered=awaiting-payment");
		String page = mvc.perform(get(placed.getRedirectedUrl()).with(as).locale(java.util.Locale.ENGLISH))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Your subscription starts as soon as its invoice is paid")
			.doesNotContain("your subscription is active")
			.contains("Awaiting payment");
	}
}
