package io.kluis.billing.payments;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A payment just started: where to send the customer ({@code null} for a recurring charge, which needs
 * no customer).
 */
public record StartedPayment(Payment payment, @Nullable URI checkoutUrl) {
}
