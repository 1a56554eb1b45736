package io.kluis.billing.invoicing;

import io.kluis.billing.OrderPlaced;
import io.kluis.billing.PlanChanged;
import io.kluis.billing.SubscriptionRenewed;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Key;
import io.kluis.billing.invoicing.SubscriptionInvoiceLedger.Kind;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Where subscription events reach the invoicing, twice each: synchronously in the event's transaction
 * (the obligation is recorded with the order, renewal or plan change) and after commit, asynchronously
 * through Spring Modulith's publication registry (the obligation is issued). See
 * {@link SubscriptionInvoicing}.
 */
@Component
class InvoicingEventsListener {

	private final SubscriptionInvoicing invoicing;

	InvoicingEventsListener(SubscriptionInvoicing invoicing) {
		this.invoicing = invoicing;
	}

	@EventListener
	void record(OrderPlaced event) {
		invoicing.record(event);
	}

	@EventListener
	void record(SubscriptionRenewed event) {
		invoicing.record(event);
	}

	@EventListener
	void record(PlanChanged event) {
		invoicing.record(event);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void issue(OrderPlaced event) {
		invoicing.issue(new Key(event.subscription(), Kind.TERM, event.periodStart()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void issue(SubscriptionRenewed event) {
		invoicing.issue(new Key(event.subscription(), Kind.TERM, event.periodStart()));
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void issue(PlanChanged event) {
		if (event.proration().signum() != 0) {
			invoicing.issue(new Key(event.subscription(), Kind.PLAN_CHANGE, event.changedAt()));
		}
	}
}
