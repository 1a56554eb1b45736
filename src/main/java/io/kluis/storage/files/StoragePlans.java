package io.kluis.storage.files;

import io.kluis.billing.PlanTerms;
import io.kluis.billing.ProductKind;
import io.kluis.billing.ProductProvisioner;
import io.kluis.billing.SubscriptionRef;
import io.kluis.shared.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Storage plans from billing: an active plan sets the customer's quota to the plan's (replacing
 * {@code kluis.storage.default-quota} for that customer); at the end of the plan the customer is back on
 * the default quota. Nothing is deleted: a customer who stores more than the quota then allows can read,
 * download and delete, but every write that adds bytes is refused ({@link StorageException.QuotaExceeded},
 * 507 over WebDAV) until they are under it again. Suspension (dunning) changes nothing here yet: the
 * read-only suspension belongs to the dunning work.
 */
@Component
class StoragePlans implements ProductProvisioner {

	private static final Logger log = LoggerFactory.getLogger(StoragePlans.class);

	private final Usage usage;

	StoragePlans(Usage usage) {
		this.usage = usage;
	}

	@Override
	public ProductKind kind() {
		return ProductKind.STORAGE;
	}

	@Override
	@Transactional
	public void activate(AccountId account, SubscriptionRef subscription, PlanTerms terms) {
		usage.createRow(account);
		usage.setQuota(account, terms.quotaBytes());
		log.info("event=storage.plan-quota subscription={} quotaBytes={}", subscription, terms.quotaBytes());
	}

	@Override
	public void suspend(AccountId account, SubscriptionRef subscription) {
		// Read-only suspension is the dunning's (issue 10); the quota stays as paid for.
	}

	@Override
	public void resume(AccountId account, SubscriptionRef subscription) {
	}

	@Override
	@Transactional
	public void end(AccountId account, SubscriptionRef subscription, PlanTerms terms) {
		// No row to create: without one the default applies, and at erasure the row may be gone already.
		usage.setQuota(account, null);
		log.info("event=storage.plan-ended subscription={}", subscription);
	}
}
