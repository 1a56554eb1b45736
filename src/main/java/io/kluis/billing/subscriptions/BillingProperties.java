package io.kluis.billing.subscriptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.billing.*}.
 *
 * @param paymentRequired whether a new subscription waits for its first payment
 *        ({@link io.kluis.billing.BillingSubscriptions#markPaid}) before it is active and provisioned;
 *        false (the default until the payments module exists) activates it when ordered
 */
@ConfigurationProperties("kluis.billing")
public record BillingProperties(@DefaultValue("false") boolean paymentRequired) {
}
