package io.kluis.billing;

import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.PlanDraft;
import io.kluis.billing.invoices.InvoiceRequest;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Ordering;
import io.kluis.billing.orders.ProfileInput;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.TermsVersions;
import io.kluis.shared.CustomerNumber;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationContext;

/**
 * Billing's scenario-named test set-up, shared by the module's integration tests: a customer with an
 * app password for the API ({@link #apiCustomer}), a storage plan to order ({@link #storagePlan}), the
 * billing profile of the first order ({@link #profile}), an open invoice of EUR 2.42 ({@link #openInvoice}),
 * and a customer with a storage subscription (1 TB) and the invoice for its first term, EUR 12.10
 * (10.00 + 21 % VAT), as the order issued it ({@link #billed}).
 */
public final class BillingFixtures {

	/** The customer, their subscription and its invoice. */
	public record Billed(TestAccounts.Known account, SubscriptionRef subscription, IssuedInvoice invoice) {
	}

	private final ApplicationContext context;

	private BillingFixtures(ApplicationContext context) {
		this.context = context;
	}

	public static BillingFixtures in(ApplicationContext context) {
		return new BillingFixtures(context);
	}

	/** A customer with an app password that may do everything over the API (HTTP Basic). */
	public record ApiCustomer(TestAccounts.Known known, String appPassword) {

		public io.kluis.shared.AccountId id() {
			return known.id();
		}

		/** Signs a MockMvc request in as this customer. */
		public org.springframework.test.web.servlet.request.RequestPostProcessor basic() {
			return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic(known.email(), appPassword);
		}
	}

	/** A new English-speaking customer with an app password (all scopes). */
	public ApiCustomer apiCustomer() {
		var known = TestAccounts.in(context).verified(Locale.ENGLISH);
		return new ApiCustomer(known, context.getBean(io.kluis.identity.account.AppPasswords.class)
			.create(known.id(), "billing-test", java.util.EnumSet.allOf(io.kluis.identity.account.AppPasswordScope.class))
			.secret());
	}

	/** A new storage product with one plan, 1 TB for EUR 10.00 a month; returns the plan's id. */
	public UUID storagePlan() {
		var catalogue = context.getBean(Catalogue.class);
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Opslag " + UUID.randomUUID(), "");
		return catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "1 TB", "10.00", null, "1000"));
	}

	/** The billing profile a first order gives (a Dutch consumer). */
	public static ProfileInput profile() {
		return new ProfileInput("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null);
	}

	/** The current terms of service version, which an order accepts. */
	public String termsVersion() {
		return context.getBean(TermsVersions.class).current();
	}

	/** An issued invoice of EUR 2.42 (2.00 + 21 % VAT) for December 2026, nothing paid yet. */
	public IssuedInvoice openInvoice(TestAccounts.Known account) {
		return openInvoice(account, new BigDecimal("2.00"));
	}

	/** An issued invoice of one line of {@code net} (plus 21 % VAT) for December 2026, nothing paid yet. */
	public IssuedInvoice openInvoice(TestAccounts.Known account, BigDecimal net) {
		var buyer = new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null,
				account.email(), Locale.forLanguageTag("nl"));
		return context.getBean(Invoicing.class).issue(new InvoiceRequest(account.id(), customerNumber(), buyer,
				List.of(new InvoiceRequest.Line("Opslag 100 GB", BigDecimal.ONE, "MON", net,
						new io.kluis.billing.document.InvoiceDocument.Period(java.time.LocalDate.of(2026, 12, 1),
								java.time.LocalDate.of(2026, 12, 31)),
						null))));
	}

	/** A random customer number (invoices need one; tests do not care which). */
	public static CustomerNumber customerNumber() {
		return CustomerNumber.fromDigits(String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
	}

	/** A new Dutch-speaking customer. */
	public Billed billed() {
		return billed(TestAccounts.in(context).verified(Locale.forLanguageTag("nl")));
	}

	public Billed billed(TestAccounts.Known account) {
		Order order = context.getBean(Ordering.class).place(account.id(), new Ordering.Request(storagePlan(), "month",
				termsVersion(), profile(), Order.Channel.API));
		var subscription = new SubscriptionRef(order.subscriptionId());
		// The first term's invoice is issued by billing.invoicing after the order commits (asynchronously, on
		// the thread that also renders queued invoice mails: on a loaded machine that takes more than 10 s).
		var invoicing = context.getBean(Invoicing.class);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> !invoicing.of(account.id()).isEmpty());
		return new Billed(account, subscription, invoicing.of(account.id()).get(0));
	}

	/** Another invoice (EUR 12.10) for the subscription. */
	public IssuedInvoice invoice(TestAccounts.Known account, SubscriptionRef subscription) {
		var buyer = new InvoiceRequest.Buyer("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null,
				account.email(), Locale.forLanguageTag("nl"));
		var line = new InvoiceRequest.Line("Opslag 1 TB", BigDecimal.ONE, "MON", new BigDecimal("10.00"), null,
				"subscription:" + subscription);
		return context.getBean(Invoicing.class).issue(new InvoiceRequest(account.id(), customerNumber(), buyer,
				List.of(line)));
	}
}
