package io.kluis.billing.settlement;

import io.kluis.billing.invoices.InvoiceId;
import io.kluis.shared.AccountId;
import java.time.Instant;

/**
 * An invoice's open amount reached zero through settlements (not through a credit note), published once
 * per invoice in the transaction that recorded the last settlement.
 */
public record InvoicePaid(InvoiceId invoice, AccountId account, String invoiceNumber, Instant paidAt) {
}
