package io.kluis.newsletter;

import io.kluis.identity.AccountLookup;
import io.kluis.newsletter.NewsletterConsentChanged.Step;
import io.kluis.newsletter.Subscription.Status;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing up for, confirming and leaving the newsletter (CON-1). Consent is only ever given by the
 * address owner clicking the mailed confirmation link (double opt-in); nothing else (registration,
 * an order) creates a subscription. Every step appends a proof to privacy's {@link ConsentProofs}; steps
 * of an account holder are audited too ({@link NewsletterConsentChanged}). An account holder who
 * restricted processing or objected to direct marketing cannot sign up ({@link SubscriptionRefused}).
 */
@Service
class Newsletter {

	/** How long a confirmation link works; an unconfirmed sign-up lapses then (register rule newsletter-subscription). */
	static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(Newsletter.class);

	private final Subscriptions subscriptions;

	private final ConsentTokens tokens;

	private final ConsentProofs ledger;

	private final Notifications notifications;

	private final AccountLookup accounts;

	private final SubjectRestrictions restrictions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Newsletter(Subscriptions subscriptions, ConsentTokens tokens, ConsentProofs ledger, Notifications notifications,
			AccountLookup accounts, SubjectRestrictions restrictions, ApplicationEventPublisher events, Clock clock) {
		this.subscriptions = subscriptions;
		this.tokens = tokens;
		this.ledger = ledger;
		this.notifications = notifications;
		this.accounts = accounts;
		this.restrictions = restrictions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a sign-up and mails the confirmation link. Says nothing about whether the address was
	 * already subscribed (no enumeration): a confirmed subscription gets no mail, a pending one a
	 * fresh link.
	 *
	 * @param account the signing-up account holder, when the address is their own account's
	 * @throws SubscriptionRefused when that account holder restricted processing or objected
	 */
	@Transactional
	public void request(EmailAddress email, Locale locale, @Nullable AccountId account, ConsentSource source,
			@Nullable String ip) {
		if (account != null) {
			refuseIfRestricted(account);
		}
		Instant now = now();
		// A lapsed sign-up is not reused: its link window is over; retention removes it.
		Optional<Subscription> existing = subscriptions.findActive(email)
			.filter(s -> s.status() == Status.CONFIRMED || now.isBefore(s.lapsesAt()));
		if (existing.isPresent() && existing.get().status() == Status.CONFIRMED) {
			log.info("event=privacy.newsletter.request.already-confirmed subscription={}", existing.get().id());
			return;
		}
		Subscription subscription = existing.orElseGet(() -> {
			var created = new Subscription(UUID.randomUUID(), account, email, locale, Status.PENDING, now,
					now.plus(CONFIRMATION_VALIDITY), null, null, ConsentTokens.newSecret());
			subscriptions.insert(created);
			return created;
		});
		ledger.record(subscription.id(), account, email, ConsentProofs.NEWSLETTER, ConsentAction.REQUESTED, source, ip);
		String token = tokens.issue(ConsentTokens.CONFIRM, subscription.id(), CONFIRMATION_VALIDITY);
		notifications.send(Mail.to(email)
			.locale(locale)
			.template("newsletter/confirm")
			.subject(new AccountId(subscription.id()))
			.with("confirmLink", notifications.link("/newsletter/confirm?token=" + token))
			.build());
		audit(account, Step.REQUESTED, subscription, source);
		log.info("event=privacy.newsletter.requested subscription={} source={}", subscription.id(), source.code());
	}

	private void refuseIfRestricted(AccountId account) {
		if (restrictions.isRestricted(account)) {
			throw new SubscriptionRefused(SubscriptionRefused.Reason.RESTRICTED);
		}
		if (restrictions.hasObjected(account)) {
			throw new SubscriptionRefused(SubscriptionRefused.Reason.OBJECTED);
		}
	}

	public boolean isConfirmationValid(String token) {
		return tokens.isValid(ConsentTokens.CONFIRM, token);
	}

	/** Consent given: the address owner used the mailed link. Empty when the link is invalid, used or lapsed. */
	@Transactional
	public Optional<Subscription> confirm(String token, @Nullable String ip) {
		Instant now = now();
		return tokens.redeem(ConsentTokens.CONFIRM, token)
			.flatMap(subscriptions::find)
			.filter(s -> s.status() == Status.PENDING && now.isBefore(s.lapsesAt()))
			.map(s -> {
				Subscription confirmed = s.confirm(now, accounts.findByEmail(s.email()).orElse(null));
				subscriptions.update(confirmed);
				ledger.record(s.id(), confirmed.account(), s.email(), ConsentProofs.NEWSLETTER, ConsentAction.CONFIRMED,
						ConsentSource.CONFIRMATION_LINK, ip);
				audit(confirmed.account(), Step.CONFIRMED, s, ConsentSource.CONFIRMATION_LINK);
				log.info("event=privacy.newsletter.confirmed subscription={}", s.id());
				return confirmed;
			});
	}

	public Optional<Subscription> byUnsubscribeSecret(String secret) {
		return subscriptions.findByUnsubscribeSecret(secret);
	}

	/** One-click unsubscribe (RFC 8058) or the link's confirm page; idempotent, true when the secret is known. */
	@Transactional
	public boolean unsubscribe(String secret) {
		return subscriptions.findByUnsubscribeSecret(secret).map(s -> {
			if (s.isActive()) {
				withdraw(s, ConsentSource.UNSUBSCRIBE_LINK);
			}
			return true;
		}).orElse(false);
	}

	/**
	 * The account holder's subscription that still counts: confirmed, or pending with a link that
	 * still works (a lapsed sign-up is as good as none; retention removes it).
	 */
	public Optional<Subscription> standing(AccountId account) {
		Instant now = now();
		return current(account).filter(s -> s.status() == Status.CONFIRMED || now.isBefore(s.lapsesAt()));
	}

	/** The policy version the subscription's latest proof was recorded under. */
	Optional<String> policyVersion(Subscription subscription) {
		return ledger.policyVersion(subscription.id());
	}

	/** The account holder's current subscription (pending or confirmed), by account or by its email. */
	public Optional<Subscription> current(AccountId account) {
		return subscriptions.findActive(account)
			.or(() -> accounts.find(account).flatMap(a -> subscriptions.findActive(a.email())));
	}

	/** The account holder withdraws (panel, API); also a subscription made by address alone is theirs to end. */
	@Transactional
	public boolean withdrawFor(AccountId account, ConsentSource source) {
		return current(account).map(s -> {
			withdraw(s, source, account);
			return true;
		}).orElse(false);
	}

	@Transactional
	public void withdraw(Subscription subscription, ConsentSource source) {
		withdraw(subscription, source, subscription.account());
	}

	private void withdraw(Subscription subscription, ConsentSource source, @Nullable AccountId by) {
		Subscription withdrawn = subscription.withdraw(now());
		subscriptions.update(withdrawn);
		ledger.record(subscription.id(), subscription.account() != null ? subscription.account() : by,
				subscription.email(), ConsentProofs.NEWSLETTER, ConsentAction.WITHDRAWN, source, null);
		audit(by, Step.WITHDRAWN, subscription, source);
		log.info("event=privacy.newsletter.withdrawn subscription={} source={}", subscription.id(), source.code());
	}

	private void audit(@Nullable AccountId account, Step step, Subscription subscription, ConsentSource source) {
		if (account != null) {
			events.publishEvent(new NewsletterConsentChanged(account, step, subscription.id(), source.code()));
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
