package io.kluis.newsletter;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.AccountLookup;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.spi.ConsentSubjectKeys;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newsletter's personal data: the register's {@code newsletter-subscription} (the subscriptions
 * and their confirmation tokens). The proofs of consent are the consent ledger's, in privacy.
 *
 * <p><b>Erasure</b> removes every subscription of the subject with its tokens and queued or sent
 * newsletters, and destroys the subscription's data key once no proof under it remains (the ledger
 * erases those itself and asks {@link ConsentSubjectKeys} before destroying a key).
 *
 * <p><b>Retention</b>: a subscription goes when it is withdrawn (or lapses unconfirmed after 7 days);
 * its key stays while the ledger still holds its proofs.
 */
@Component
class NewsletterDataHolder implements PersonalDataHolder, ConsentSubjectKeys {

	static final String SUBSCRIPTION = "newsletter-subscription";

	private final Subscriptions subscriptions;

	private final ConsentTokens tokens;

	private final ConsentProofs proofs;

	private final AccountLookup accounts;

	private final Notifications notifications;

	private final PersonalDataCipher cipher;

	NewsletterDataHolder(Subscriptions subscriptions, ConsentTokens tokens, ConsentProofs proofs, AccountLookup accounts,
			Notifications notifications, PersonalDataCipher cipher) {
		this.subscriptions = subscriptions;
		this.tokens = tokens;
		this.proofs = proofs;
		this.accounts = accounts;
		this.notifications = notifications;
		this.cipher = cipher;
	}

	@Override
	public String module() {
		return "newsletter";
	}

	@Override
	public String id() {
		return "newsletter";
	}

	@Override
	public Set<String> categories() {
		return Set.of(SUBSCRIPTION);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.of("privacy_newsletter_subscriptions.account_id", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.email_sealed", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.email_index", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.unsubscribe_sealed", SUBSCRIPTION,
				"privacy_newsletter_subscriptions.unsubscribe_index", SUBSCRIPTION);
	}

	@Override
	public boolean inUse(UUID subjectKey) {
		return subscriptions.exists(subjectKey);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		List<Map<String, Object>> rows = subscriptions.of(subject.account(), email(subject)).stream().map(s -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("email", s.email().value());
			row.put("language", s.locale().getLanguage());
			row.put("status", s.status().name());
			row.put("requestedAt", s.requestedAt().toString());
			row.put("confirmedAt", s.confirmedAt() == null ? "" : s.confirmedAt().toString());
			row.put("withdrawnAt", s.withdrawnAt() == null ? "" : s.withdrawnAt().toString());
			return row;
		}).toList();
		return List.of(ExportedCategory.of(SUBSCRIPTION,
				List.of("email", "language", "status", "requestedAt", "confirmedAt", "withdrawnAt"), rows));
	}

	@Override
	@Transactional
	public Erased erase(DataSubject subject) {
		int removed = 0;
		// By id, without opening anything: the ledger may have destroyed nothing yet, or the key may be gone.
		for (UUID id : subscriptions.idsOf(subject.account(), email(subject))) {
			tokens.deleteFor(id);
			removed += subscriptions.delete(id);
			notifications.eraseFor(new AccountId(id));
			if (!proofs.hasProof(id)) {
				cipher.destroyDataKey(new AccountId(id));
			}
		}
		return Erased.of(SUBSCRIPTION, removed);
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!SUBSCRIPTION.equals(category)) {
			throw new IllegalArgumentException("not a category of the newsletter: " + category);
		}
		List<UUID> ended = subscriptions.endedBefore(cutoff);
		if (!dryRun) {
			for (UUID id : ended) {
				tokens.deleteFor(id);
				subscriptions.delete(id);
				if (!proofs.hasProof(id)) {
					cipher.destroyDataKey(new AccountId(id));
				}
			}
			tokens.purgeBefore(cutoff);
		}
		return ended.size();
	}

	/** The subject's email: given, or the account's current one (subscriptions made without logging in). */
	private @Nullable EmailAddress email(DataSubject subject) {
		if (subject.email() != null) {
			return subject.email();
		}
		return subject.account() == null ? null : accounts.find(subject.account()).map(a -> a.email()).orElse(null);
	}
}
