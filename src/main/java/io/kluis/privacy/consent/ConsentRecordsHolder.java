package io.kluis.privacy.consent;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.privacy.spi.ConsentSubjectKeys;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent ledger's personal-data holder, for the categories it adds to the register:
 * {@code consent-records} and {@code visit-id}. The subscriptions themselves are the newsletter
 * module's ({@code newsletter-subscription}); their ids are the subject keys of the newsletter proofs.
 *
 * <p><b>Erasure</b> removes every proof record of the subject (also the proof of the withdrawal the
 * erasure implies) and, for newsletter proofs, the subscription's data key, crypto-shredding its
 * queued and sent newsletters too, unless a module still holds a record under that key
 * ({@link ConsentSubjectKeys}; it destroys the key itself when it removes that record). A proof is only worth keeping with the address it proves consent for,
 * and the person asked for exactly that address to go; art. 17(3) gives no reason to keep it once
 * nothing is mailed any more. Cookie choices are erased where they carry the account id; those
 * made anonymously carry only a random consent id and identify no one.
 *
 * <p><b>Retention</b> follows the register: proofs, and cookie choices, go one year after the consent ended
 * (withdrawn, superseded by a newer choice, or expired after a year). The visit id is never stored.
 */
@Component
class ConsentRecordsHolder implements PersonalDataHolder {

	static final String RECORDS = "consent-records";

	static final String VISIT_ID = "visit-id";

	private final ConsentLedger ledger;

	private final AccountDirectory accounts;

	private final Notifications notifications;

	private final PersonalDataCipher cipher;

	private final ObjectProvider<ConsentSubjectKeys> keyUsers;

	ConsentRecordsHolder(ConsentLedger ledger, AccountDirectory accounts, Notifications notifications,
			PersonalDataCipher cipher, ObjectProvider<ConsentSubjectKeys> keyUsers) {
		this.ledger = ledger;
		this.keyUsers = keyUsers;
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
		return Set.of(RECORDS, VISIT_ID);
	}

	@Override
	public java.util.Map<String, String> personalColumns() {
		return java.util.Map.of("privacy_consent_records.account_id", RECORDS, "privacy_consent_records.email_sealed", RECORDS,
				"privacy_consent_records.email_index", RECORDS, "privacy_consent_records.ip_sealed", RECORDS);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		EmailAddress email = email(subject);
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
		ledger.about(subject.account(), email)
			.stream()
			.filter(r -> ConsentRecord.NEWSLETTER.equals(r.purpose()))
			.forEach(r -> keys.add(r.subjectKey()));
		int removedRecords = 0;
		for (UUID key : keys) {
			removedRecords += ledger.deleteSubjectKey(key);
			if (!inUse(key)) {
				notifications.eraseFor(new AccountId(key));
				cipher.destroyDataKey(new AccountId(key));
			}
		}
		if (subject.account() != null) {
			removedRecords += ledger.deleteAccount(subject.account());
		}
		return new Erased(Map.of(RECORDS, removedRecords), Map.of());
	}

	@Override
	@Transactional
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case RECORDS:
				return expireRecords(cutoff, dryRun);
			case VISIT_ID:
				return 0;
			default:
				throw new IllegalArgumentException("not a category of the consent ledger: " + category);
		}
	}

	private int expireRecords(Instant cutoff, boolean dryRun) {
		int count = 0;
		for (UUID key : ledger.endedNewsletterKeys(cutoff)) {
			if (dryRun) {
				count += ledger.countSubjectKey(key);
				continue;
			}
			count += ledger.deleteSubjectKey(key);
			if (!inUse(key)) {
				cipher.destroyDataKey(new AccountId(key));
			}
		}
		List<UUID> cookieRecords = ledger.endedCookieRecords(cutoff);
		if (!dryRun) {
			cookieRecords.forEach(ledger::deleteRecord);
		}
		return count + cookieRecords.size();
	}

	private boolean inUse(UUID subjectKey) {
		return keyUsers.stream().anyMatch(user -> user.inUse(subjectKey));
	}

	/** The subject's email: given, or the account's current one (subscriptions made without logging in). */
	private @Nullable EmailAddress email(DataSubject subject) {
		if (subject.email() != null) {
			return subject.email();
		}
		return subject.account() == null ? null : accounts.contact(subject.account()).map(c -> c.email()).orElse(null);
	}
}
