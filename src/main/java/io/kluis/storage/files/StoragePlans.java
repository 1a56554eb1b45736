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
 * {@code kluis.storage.default-quota} for that customer). An unpaid invoice past the dunning schedule
 * suspends the plan: the storage becomes read-only ({@link ReadOnlyStorage.Reason#PAYMENT_OVERDUE}) until
 * it is paid. At the end of the plan the customer is back on the default quota and the storage is
 * read-only ({@link ReadOnlyStorage.Reason#SERVICE_ENDED}): files can be read and downloaded, nothing
 * changed, until a new plan is ordered or the register's period lets erasure take them.
 */
@Component
class StoragePlans implements ProductProvisioner {

	private static final Logger log = LoggerFactory.getLogger(StoragePlans.class);

	private final Usage usage;

	private final ReadOnlyStorage readOnly;

	StoragePlans(Usage usage, ReadOnlyStorage readOnly) {
		this.usage = usage;
		this.readOnly = readOnly;
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
		readOnly.lift(account, ReadOnlyStorage.Reason.SERVICE_ENDED);
		log.info("event=storage.plan-quota subscription={} quotaBytes={}", subscription, terms.quotaBytes());
	}

	@Override
	@Transactional
	public void suspend(AccountId account, SubscriptionRef subscription) {
		readOnly.set(account, ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		log.info("event=storage.plan-suspended subscription={}", subscription);
	}

	@Override
	@Transactional
	public void resume(AccountId account, SubscriptionRef subscription) {
		readOnly.lift(account, ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		log.info("event=storage.plan-resumed subscription={}", subscription);
	}

	@Override
	@Transactional
	public void end(AccountId account, SubscriptionRef subscription, PlanTerms terms) {
		// No row to create: without one the default applies, and at erasure the row may be gone already.
		usage.setQuota(account, null);
		readOnly.lift(account, ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		if (usage.hasRow(account)) {
			// an account being erased has no usage row any more: nothing of theirs is left to protect
			readOnly.set(account, ReadOnlyStorage.Reason.SERVICE_ENDED);
		}
		log.info("event=storage.plan-ended subscription={}", subscription);
	}
}
