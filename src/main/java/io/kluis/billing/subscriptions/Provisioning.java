package io.kluis.billing.subscriptions;

import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import io.kluis.billing.ProductProvisioner;
import io.kluis.billing.SubscriptionRef;
import io.kluis.shared.AccountId;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Calls the provisioners of a product kind (every bean whose {@code kind()} matches; none: logged and skipped). */
@Component
class Provisioning {

	private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

	private final List<ProductProvisioner> provisioners;

	Provisioning(List<ProductProvisioner> provisioners) {
		this.provisioners = List.copyOf(provisioners);
	}

	void activate(AccountId account, SubscriptionRef ref, PlanTerms terms) {
		each(terms.kind(), ref, "activate", p -> p.activate(account, ref, terms));
	}

	void change(AccountId account, SubscriptionRef ref, PlanTerms from, PlanTerms to) {
		each(to.kind(), ref, "change", p -> p.change(account, ref, from, to));
	}

	void suspend(AccountId account, SubscriptionRef ref, ProductKind kind) {
		each(kind, ref, "suspend", p -> p.suspend(account, ref));
	}

	void resume(AccountId account, SubscriptionRef ref, ProductKind kind) {
		each(kind, ref, "resume", p -> p.resume(account, ref));
	}

	void end(AccountId account, SubscriptionRef ref, PlanTerms terms) {
		each(terms.kind(), ref, "end", p -> p.end(account, ref, terms));
	}

	void endAtErasure(AccountId account, SubscriptionRef ref, PlanTerms terms) {
		each(terms.kind(), ref, "end-at-erasure", p -> p.endAtErasure(account, ref, terms));
	}

	private void each(ProductKind kind, SubscriptionRef ref, String step, Consumer<ProductProvisioner> call) {
		var matching = provisioners.stream().filter(p -> p.kind() == kind).toList();
		if (matching.isEmpty()) {
			log.info("event=billing.provisioning.none kind={} step={} subscription={}", kind, step, ref);
			return;
		}
		matching.forEach(call);
		log.info("event=billing.provisioning kind={} step={} subscription={}", kind, step, ref);
	}
}
