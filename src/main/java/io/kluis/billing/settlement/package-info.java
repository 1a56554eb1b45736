/**
 * What has been paid of each invoice. Invoices are immutable, so payments are recorded beside them as
 * settlements ({@code billing_settlements}: invoice, amount, source and the source's own key, booking
 * time); the open amount of an invoice is its total incl. VAT minus its settlements minus its credit
 * notes. Settlements come from three sources: a payment through the payment provider
 * ({@link io.kluis.billing.payments.PaymentReceived}), a bank statement entry (this package implements
 * the bank import's {@link io.kluis.billing.bank.OpenPayables} port) and staff. Each source key settles
 * once, however often it is reported.
 *
 * <p><b>The payable reference of a payment</b> ({@link io.kluis.billing.payments.Payments#start}'s
 * {@code payableReference}) is the invoice id (a UUID); the invoice's structured payment reference
 * (16 digits) is accepted too, so a caller that only knows what is printed on the invoice can use it.
 *
 * <p>When an invoice becomes fully paid, {@link io.kluis.billing.settlement.InvoicePaid} is published
 * and every subscription on its lines is made good at once: a pending one is activated
 * ({@link io.kluis.billing.BillingSubscriptions#markPaid}), a suspended one resumed
 * ({@link io.kluis.billing.BillingSubscriptions#resume}).
 */
@NamedInterface("settlement")
@NullMarked
package io.kluis.billing.settlement;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
