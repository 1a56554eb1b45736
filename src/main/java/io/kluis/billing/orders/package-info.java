/**
 * Orders and billing profiles. An order records what was ordered (product, plan, period, price in EUR
 * without VAT, quota), the terms version the customer accepted and when, and the channel (panel or API);
 * it creates the subscription and mails a confirmation (NL/EN). It never touches the newsletter (CON-1).
 *
 * <p>Evidence, minimised (BIL-2): the account (who; authenticated by session or app password), the
 * time, what was shown and the accepted terms version. No IP address: the customer is authenticated,
 * so an address would add nothing the contract needs, and the security log already covers abuse.
 *
 * <p>The billing profile (name, address, company, KvK, VAT number) is one document sealed under the
 * customer's data key ({@link io.kluis.billing.orders.BillingProfileStore}); the invoicing reads it
 * through {@link io.kluis.billing.BillingProfiles}.
 */
@NullMarked
package io.kluis.billing.orders;

import org.jspecify.annotations.NullMarked;
