package io.kluis.privacy.consent;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent ledger's side of the privacy SPI, for the categories it adds to the register:
 * {@code newsletter-subscription}, {@code consent-records} and {@code visit-id}.
 *
 * <p><b>Erasure</b> removes everything: the subscriptions, every proof record (also the proof of the
 * withdrawal the erasure implies) and the subscriptions' data keys (crypto-shredding their queued
 * and sent newsletters too). A proof is only worth keeping with the address it proves consent for,
 * and the person asked for exactly that address to go; art. 17(3) gives no reason to keep it once
 * nothing is mailed any more. Cookie choices are erased where they carry the account id; those
 * made anonymously carry only a random consent id and identify no one.
 *
 * <p><b>Retention</b> follows the register: a subscription goes when it is withdrawn (or lapses
 * unconfirmed after 7 days); its proofs, and cookie choices, one year after the consent ended
 * (withdrawn, superseded by a newer choice, or expired after a year). The visit id is never stored.
 */
@Component
class ConsentRecordsHolder implements PersonalDataHolder {

	static final String SUBSCRIPTION = "newsletter-subscription";

	static final String RECORDS = "consent-records";

	static final String VISIT_ID = "visit-id";

	private final Subscriptions subscriptions;

	private final ConsentLedger ledger;

	private final ConsentTokens tokens;

	private final AccountDirectory accounts;

	private final Notifications notifications;

	private final PersonalDataCipher cipher;

	ConsentRecordsHolder(Subscriptions subscriptions, ConsentLedger ledger, ConsentTokens tokens,
			AccountDirectory accounts, Notifications notifications, PersonalDataCipher cipher) {
		this.subscriptions = subscriptions;
		this.ledger = ledger;
		this.tokens = tokens;
		this.accounts = accounts;
		this.notifications = notifications;
		this.cipher = cipher;
	}

	@Override
	public String module() {
		return "privacy";
	}

	@Override
	public String id() {
		return "privacy.consent";
	}

	@Override
	public Set<String> categories() {
		return Set.of(SUBSCRIPTION, RECORDS, VISIT_ID);
	}

	@Override
	public java.util.Map<String, String> personalColumns() {
		return java.util.Map.of("privacy_newsletter_subscriptions.account_id", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.email_sealed", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.email_index", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.unsubscribe_sealed", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.unsubscribe_index", SUBSCRIPTION,
				"privacy_consent_records.account_id", RECORDS, "privacy_consent_records.email_sealed", RECORDS,
				"privacy_consent_records.email_index", RECORDS, "privacy_consent_records.ip_sealed", RECORDS);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		EmailAddress email = email(subject);
		List<Map<String, Object>> subscriptionRows = subscriptions.of(subject.account(), email).stream().map(s -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("email", s.email().value());
			row.put("language", s.locale().getLanguage());
			row.put("status", s.status().name());
			row.put("requestedAt", s.requestedAt().toString());
			row.put("confirmedAt", s.confirmedAt() == null ? "" : s.confirmedAt().toString());
			row.put("withdrawnAt", s.withdrawnAt() == null ? "" : s.withdrawnAt().toString());
			return row;
		}).toList();
		List<Map<String, Object>> recordRows = ledger.about(subject.account(), email).stream().map(r -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("purpose", r.purpose());
			row.put("action", r.action().name());
			row.put("choice", r.choice() == null ? "" : r.choice());
			row.put("at", r.occurredAt().toString());
			row.put("source", r.source().code());
			row.put("policyVersion", r.policyVersion());
			row.put("email", r.email() == null ? "" : r.email().value());
			row.put("ipAddress", r.ip() == null ? "" : r.ip());
			return row;
		}).toList();
		return List.of(
				ExportedCategory.of(SUBSCRIPTION, List.of("email", "language", "status", "requestedAt", "confirmedAt",
						"withdrawnAt"), subscriptionRows),
				ExportedCategory.of(RECORDS, List.of("purpose", "action", "choice", "at", "source", "policyVersion",
						"email", "ipAddress"), recordRows),
				// The visit id is never stored (only totals per page per day): nothing to list under the header.
				ExportedCategory.of(VISIT_ID, List.of("visitId"), List.of()));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		EmailAddress email = email(subject);
		Set<UUID> keys = new LinkedHashSet<>();
		int removedSubscriptions = 0;
		for (Subscription s : subscriptions.of(subject.account(), email)) {
			keys.add(s.id());
			tokens.deleteFor(s.id());
			removedSubscriptions += subscriptions.delete(s.id());
		}
		ledger.about(subject.account(), email)
			.stream()
			.filter(r -> ConsentRecord.NEWSLETTER.equals(r.purpose()))
			.forEach(r -> keys.add(r.subjectKey()));
		int removedRecords = 0;
		for (UUID key : keys) {
			removedRecords += ledger.deleteSubjectKey(key);
			notifications.eraseFor(new AccountId(key));
			cipher.destroyDataKey(new AccountId(key));
		}
		if (subject.account() != null) {
			removedRecords += ledger.deleteAccount(subject.account());
		}
		return new Erased(Map.of(SUBSCRIPTION, removedSubscriptions, RECORDS, removedRecords), Map.of());
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case SUBSCRIPTION:
				return expireSubscriptions(cutoff, dryRun);
			case RECORDS:
				return expireRecords(cutoff, dryRun);
			case VISIT_ID:
				return 0;
			default:
				throw new IllegalArgumentException("not a category of the consent ledger: " + category);
		}
	}

	private int expireSubscriptions(Instant cutoff, boolean dryRun) {
		List<UUID> ended = subscriptions.endedBefore(cutoff);
		if (!dryRun) {
			for (UUID id : ended) {
				tokens.deleteFor(id);
				subscriptions.delete(id);
				if (!ledger.hasRecords(id)) {
					cipher.destroyDataKey(new AccountId(id));
				}
			}
			tokens.purgeBefore(cutoff);
		}
		return ended.size();
	}

	private int expireRecords(Instant cutoff, boolean dryRun) {
		int count = 0;
		for (UUID key : ledger.endedNewsletterKeys(cutoff)) {
			if (dryRun) {
				count += ledger.countSubjectKey(key);
				continue;
			}
			count += ledger.deleteSubjectKey(key);
			if (subscriptions.find(key).isEmpty()) {
				cipher.destroyDataKey(new AccountId(key));
			}
		}
		List<UUID> cookieRecords = ledger.endedCookieRecords(cutoff);
		if (!dryRun) {
			cookieRecords.forEach(ledger::deleteRecord);
		}
		return count + cookieRecords.size();
	}

	/** The subject's email: given, or the account's current one (subscriptions made without logging in). */
	private @Nullable EmailAddress email(DataSubject subject) {
		if (subject.email() != null) {
			return subject.email();
		}
		return subject.account() == null ? null : accounts.contact(subject.account()).map(c -> c.email()).orElse(null);
	}
}
