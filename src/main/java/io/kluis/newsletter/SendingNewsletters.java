package io.kluis.newsletter;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Mail;
import io.kluis.notifications.MailCategory;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.shared.AccountId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a newsletter to exactly those who agreed (CON-3): confirmed subscriptions whose person has
 * not restricted processing (RIG-4) or objected to direct marketing (RIG-6). A subscriber is matched
 * to an account by the account recorded at confirmation, or else by the address, so signing up
 * without logging in does not escape a restriction. Every mail is {@link MailCategory#MARKETING}
 * with RFC 8058 one-click unsubscribe headers. All mails are queued in one transaction: an issue is
 * sent to everyone or (on failure) to no one, and recorded with counts only, in the issue list and
 * in the audit trail ({@link NewsletterSent}).
 */
@Service
class SendingNewsletters {

	private static final Logger log = LoggerFactory.getLogger(SendingNewsletters.class);

	private static final int PAGE = 200;

	private final Subscriptions subscriptions;

	private final SubjectRestrictions restrictions;

	private final AccountLookup accounts;

	private final Notifications notifications;

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SendingNewsletters(Subscriptions subscriptions, SubjectRestrictions restrictions, AccountLookup accounts,
			Notifications notifications, JdbcClient jdbc, PersonalDataCipher cipher, ApplicationEventPublisher events,
			Clock clock) {
		this.cipher = cipher;
		this.events = events;
		this.subscriptions = subscriptions;
		this.restrictions = restrictions;
		this.accounts = accounts;
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The issue's content in both languages; each subscriber gets their own. */
	public record Content(String subjectNl, String textNl, String subjectEn, String textEn) {

		String subject(java.util.Locale locale) {
			return "en".equals(locale.getLanguage()) ? subjectEn : subjectNl;
		}

		String text(java.util.Locale locale) {
			return "en".equals(locale.getLanguage()) ? textEn : textNl;
		}
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public NewsletterIssue send(AccountId admin, Content content) {
		int sent = 0;
		int skipped = 0;
		for (int offset = 0;; offset += PAGE) {
			List<Subscription> page = subscriptions.confirmed(offset, PAGE);
			for (Subscription subscriber : page) {
				AccountId account = subscriber.account() != null ? subscriber.account()
						: accounts.findByEmail(subscriber.email()).orElse(null);
				if (account != null && !restrictions.mayProcessBeyondContract(account)) {
					skipped++;
					continue;
				}
				// A crypto-shredded recipient (closed account) cannot be mailed; Notifications would refuse.
				AccountId keyOwner = account != null ? account : new AccountId(subscriber.id());
				if (cipher.isDestroyed(keyOwner)) {
					skipped++;
					continue;
				}
				send(subscriber, keyOwner, content);
				sent++;
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		var issue = new NewsletterIssue(UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MICROS), admin.value(),
				content.subjectNl(), content.subjectEn(), sent, skipped);
		jdbc.sql("insert into privacy_newsletter_issues (id, sent_at, sent_by, subject_nl, subject_en, recipients, skipped) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(issue.id(), Timestamp.from(issue.sentAt()), issue.sentBy(), issue.subjectNl(), issue.subjectEn(),
					issue.recipients(), issue.skipped())
			.update();
		events.publishEvent(new NewsletterSent(issue.id(), admin, sent, skipped));
		log.info("event=privacy.newsletter.sent issue={} recipients={} skipped={} by={}", issue.id(), sent, skipped, admin);
		return issue;
	}

	public List<NewsletterIssue> recent(int limit) {
		return jdbc.sql("select * from privacy_newsletter_issues order by sent_at desc fetch first ? rows only")
			.param(limit)
			.query((rs, i) -> new NewsletterIssue(rs.getObject("id", UUID.class), rs.getTimestamp("sent_at").toInstant(),
					rs.getObject("sent_by", UUID.class), rs.getString("subject_nl"), rs.getString("subject_en"),
					rs.getInt("recipients"), rs.getInt("skipped")))
			.list();
	}

	private void send(Subscription subscriber, AccountId keyOwner, Content content) {
		String unsubscribe = unsubscribeLink(subscriber);
		notifications.send(Mail.to(subscriber.email())
			.locale(subscriber.locale())
			.template("newsletter/issue")
			.category(MailCategory.MARKETING)
			.subject(keyOwner)
			.with("title", content.subject(subscriber.locale()))
			.with("text", content.text(subscriber.locale()))
			.with("unsubscribeLink", unsubscribe)
			.oneClickUnsubscribe(unsubscribe)
			.build());
	}

	private String unsubscribeLink(Subscription subscriber) {
		return notifications.link("/newsletter/unsubscribe?token="
				+ URLEncoder.encode(subscriber.unsubscribeSecret(), StandardCharsets.UTF_8));
	}
}
