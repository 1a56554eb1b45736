package io.kluis.billing.settlement;

import io.kluis.billing.invoices.InvoiceId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One recorded settlement of an invoice. */
public record Settlement(UUID id, InvoiceId invoice, BigDecimal amount, SettlementSource source, String sourceKey,
		Instant bookedAt, Instant recordedAt) {
}
