/**
 * The invoice flow a customer sees: subscriptions invoiced automatically (first term on an order, each
 * renewal, the proration of a plan change), exactly once per subscription and period; the invoice mail
 * with the PDF and the UBL e-invoice attached (billing's {@link io.kluis.notifications.MailAttachmentSource});
 * and the downloads in the panel and over the API. {@code invoices} knows nothing of subscriptions; this
 * package maps one to the other. See {@link io.kluis.billing.invoicing.SubscriptionInvoicing} and
 * {@code docs/billing-invoices.md} ("Invoicing subscriptions").
 *
 * <p>Owns {@code billing_subscription_invoices}.
 */
@NullMarked
package io.kluis.billing.invoicing;

import org.jspecify.annotations.NullMarked;
