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
 * changed, until a new plan is ordered or the register's period lets erasure take them (the
 * {@code stored-files} rule with trigger {@code service_ended}, counted from that moment); the customer
 * is mailed the date ({@link PlanEndNotice}). A plan that ends because the account is being erased
 * only falls back: no read-only state, no mail.
 */
@Component
class StoragePlans implements ProductProvisioner {

	private static final Logger log = LoggerFactory.getLogger(StoragePlans.class);

	private final Usage usage;

	private final ReadOnlyStorage readOnly;

	private final PlanEndNotice notice;

	StoragePlans(Usage usage, ReadOnlyStorage readOnly, PlanEndNotice notice) {
		this.usage = usage;
		this.readOnly = readOnly;
		this.notice = notice;
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
		// No row to create: without one the default applies.
		usage.setQuota(account, null);
		readOnly.lift(account, ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		if (usage.hasRow(account) && readOnly.set(account, ReadOnlyStorage.Reason.SERVICE_ENDED)) {
			// Told once, when the storage becomes read-only; a retried call finds it set and mails nothing.
			notice.send(account, readOnly.since(account, ReadOnlyStorage.Reason.SERVICE_ENDED).orElseThrow());
		}
		log.info("event=storage.plan-ended subscription={}", subscription);
	}

	@Override
	@Transactional
	public void endAtErasure(AccountId account, SubscriptionRef subscription, PlanTerms terms) {
		// The account is being erased: its files go with it, so nothing is made read-only and nothing mailed.
		usage.setQuota(account, null);
		readOnly.lift(account, ReadOnlyStorage.Reason.PAYMENT_OVERDUE);
		log.info("event=storage.plan-ended-at-erasure subscription={}", subscription);
	}
}
