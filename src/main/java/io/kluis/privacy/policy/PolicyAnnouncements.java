package io.kluis.privacy.policy;

import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.spi.AccountContact;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.jobs.Jobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells every active customer about a significant policy change, once (POL-2). Each customer's
 * notice row and mail are stored in one transaction, and the notice's primary key (version,
 * account) refuses a second one, so a restart, a second node or an overlapping run never mails
 * anyone twice; the version is marked announced when every page of customers is done. The first
 * version is never announced: there was no earlier policy to change from. Customers who register
 * after the change accepted the new policy and get neither mail nor banner.
 */
@Service
public class PolicyAnnouncements {

	private static final Logger log = LoggerFactory.getLogger(PolicyAnnouncements.class);

	static final int PAGE = 200;

	/** Longer than mailing every customer takes; should a run outlast it, the notice keys still hold. */
	private static final Duration LEASE = Duration.ofHours(1);

	private final RegisterVersions versions;

	private final AccountDirectory accounts;

	private final Notifications notifications;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PublishedPolicy policy;

	private final Jobs jobs;

	PolicyAnnouncements(RegisterVersions versions, AccountDirectory accounts, Notifications notifications,
			JdbcClient jdbc, TransactionTemplate transactions, Clock clock, PublishedPolicy policy, Jobs jobs) {
		this.jobs = jobs;
		this.versions = versions;
		this.accounts = accounts;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.policy = policy;
	}

	/**
	 * Every few minutes (and soon after start-up) finish any announcement not yet done. Each node
	 * publishes the register version it runs with; the mailing runs on one node at a time (job lock):
	 * the notice keys already keep anyone from being mailed twice, and a second node would only lose
	 * the same inserts.
	 */
	@Scheduled(initialDelayString = "${kluis.privacy.announce-initial-delay:PT10S}",
			fixedDelayString = "${kluis.privacy.announce-interval:PT5M}")
	void onSchedule() {
		jobs.run("privacy.policy.publish", policy::current);
		jobs.once("privacy.policy.announcements", LEASE, this::announcePending);
	}

	/** Mails every active customer about each significant version not yet announced; returns mails sent. */
	public int announcePending() {
		int sent = 0;
		for (var version : versions.unannounced()) {
			sent += announce(version);
		}
		return sent;
	}

	private int announce(RegisterVersion version) {
		int sent = 0;
		for (int offset = 0;; offset += PAGE) {
			var page = accounts.customers(offset, PAGE);
			for (var customer : page) {
				if (notifyOnce(version, customer)) {
					sent++;
				}
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		versions.markAnnounced(version.number(), clock.instant());
		log.info("privacy.policy.announced version={} mails={}", version.number(), sent);
		return sent;
	}

	private boolean notifyOnce(RegisterVersion version, AccountContact customer) {
		if (notified(version, customer)) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(transactions.execute(status -> {
				jdbc.sql("insert into privacy_policy_notices (version_number, account_id, notified_at) values (?, ?, ?)")
					.params(version.number(), customer.account().value(), Timestamp.from(clock.instant()))
					.update();
				notifications.send(Mail.to(customer.email())
					.locale(customer.locale())
					.template("privacy/policy-changed")
					.subject(customer.account())
					.with("version", version.number())
					.with("publishedOn", version.publishedOn())
					.with("changes", version.changes().in(customer.locale()))
					.with("policyLink", notifications.link("/privacy"))
					.with("versionsLink", notifications.link("/privacy/versions"))
					.build());
				return true;
			}));
		}
		catch (DuplicateKeyException e) {
			return false; // another node notified this customer a moment ago
		}
		catch (RuntimeException e) {
			// e.g. the customer was erased meanwhile (data key destroyed): skip, never stop the others
			log.warn("privacy.policy.announce-failed version={} account={} error={}", version.number(),
					customer.account(), e.getClass().getSimpleName());
			return false;
		}
	}

	private boolean notified(RegisterVersion version, AccountContact customer) {
		return jdbc.sql("select count(*) from privacy_policy_notices where version_number = ? and account_id = ?")
			.params(version.number(), customer.account().value())
			.query(Long.class)
			.single() > 0;
	}
}
