package io.kluis.billing.web;

import io.kluis.billing.document.InvoiceDocument;
import io.kluis.billing.dunning.DunningProperties;
import io.kluis.billing.invoices.IssuedInvoice;
import io.kluis.billing.settlement.Settlements;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether an invoice is paid, open or overdue, for the staff pages: the open amount from
 * {@link Settlements} (payments and credit notes), "overdue" after the due date in dunning's zone, as
 * dunning counts it. Credit notes have no status. One query per invoice, so a page shows at most
 * {@link #SHOWN} rows.
 */
@Component
class InvoiceStatuses {

	static final int SHOWN = 200;

	enum Status {
		PAID, OPEN, OVERDUE
	}

	/** An invoice with its open amount and status (both null for a credit note). */
	record Row(IssuedInvoice invoice, @Nullable BigDecimal open, @Nullable Status status) {
	}

	private final Settlements settlements;

	private final DunningProperties dunning;

	private final Clock clock;

	InvoiceStatuses(Settlements settlements, DunningProperties dunning, Clock clock) {
		this.settlements = settlements;
		this.dunning = dunning;
		this.clock = clock;
	}

	List<Row> of(List<IssuedInvoice> invoices) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), dunning.zone());
		return invoices.stream().map(i -> row(i, today)).toList();
	}

	private Row row(IssuedInvoice invoice, LocalDate today) {
		if (invoice.kind() != InvoiceDocument.Kind.INVOICE) {
			return new Row(invoice, null, null);
		}
		BigDecimal open = settlements.openAmount(invoice.id());
		if (open.signum() <= 0) {
			return new Row(invoice, open, Status.PAID);
		}
		boolean overdue = invoice.dueDate() != null && invoice.dueDate().isBefore(today);
		return new Row(invoice, open, overdue ? Status.OVERDUE : Status.OPEN);
	}
}
