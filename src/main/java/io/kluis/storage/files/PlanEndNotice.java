package io.kluis.storage.files;

import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.RetentionPeriods;
import io.kluis.shared.AccountId;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Tells the customer, when their storage plan ends, that their files are now read-only and from which
 * day the register's {@code stored-files} rule with trigger {@code service_ended} lets them be erased
 * unless they order a plan. The date is the one the retention run counts with (from the moment the
 * storage became read-only); a register without that rule erases nothing, and the mail says the
 * files stay read-only instead. Queued in the caller's transaction: a rolled-back plan end sends nothing.
 */
@Component
class PlanEndNotice {

	static final String TEMPLATE = "storage/plan-ended";

	/** The trigger of the register's rule that erases an ended plan's files. */
	static final String TRIGGER = "service_ended";

	private static final String CATEGORY = "stored-files";

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private final AccountLookup accounts;

	private final Notifications notifications;

	private final RetentionPeriods retention;

	PlanEndNotice(AccountLookup accounts, Notifications notifications, RetentionPeriods retention) {
		this.accounts = accounts;
		this.notifications = notifications;
		this.retention = retention;
	}

	/** Mails the customer whose storage became read-only at {@code since} because the plan ended. */
	void send(AccountId account, Instant since) {
		accounts.find(account).ifPresent(details -> {
			var erasedFrom = retention.removableFrom(CATEGORY, TRIGGER, since);
			var mail = Mail.to(details.email())
				.locale(details.language())
				.template(TEMPLATE)
				.subject(account)
				.with("erased", erasedFrom.isPresent())
				.with("plansLink", notifications.link("/panel/billing"))
				.with("filesLink", notifications.link("/panel/files"));
			erasedFrom.ifPresent(at -> mail.with("erasedFrom", at.atZone(ZONE).toLocalDate()));
			notifications.send(mail.build());
		});
	}
}
