package io.kluis.billing.settlement;

import io.kluis.billing.ProductKind;
import io.kluis.billing.SubscriptionRef;
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
 * A customer with a storage subscription (1 TB) and the invoice for its first term, EUR 12.10 (10.00 + 21 %
 * VAT), as the order issued it.
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

	/** A new Dutch-speaking customer. */
	public Billed billed() {
		return billed(TestAccounts.in(context).verified(Locale.forLanguageTag("nl")));
	}

	public Billed billed(TestAccounts.Known account) {
		var catalogue = context.getBean(Catalogue.class);
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Opslag " + UUID.randomUUID(), "");
		UUID plan = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "1 TB", "10.00", null, "1000"));
		Order order = context.getBean(Ordering.class).place(account.id(), new Ordering.Request(plan, "month",
				context.getBean(TermsVersions.class).current(),
				new ProfileInput("Jan Jansen", "Kerkstraat 1", "1234 AB", "Utrecht", "NL", null, null, null),
				Order.Channel.API));
		var subscription = new SubscriptionRef(order.subscriptionId());
		// The first term's invoice is issued by billing.invoicing after the order commits (asynchronously).
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
		return context.getBean(Invoicing.class).issue(new InvoiceRequest(account.id(),
				CustomerNumber.fromDigits(String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000))), buyer,
				List.of(line)));
	}
}
