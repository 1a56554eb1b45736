package io.kluis.privacy.consent;

import io.kluis.crypto.BlindIndex;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.ConsentSource;
import io.kluis.privacy.PolicyVersions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only consent ledger ({@code privacy_consent_records}). There is no update statement
 * here on purpose: a proof is written once and later only deleted, by retention (rule
 * {@code consent-records}) or erasure. Email and IP are sealed under the subject key's data key.
 * Every proof names the published version of the privacy statement in force (its number, as
 * {@code /privacy/versions} lists it), so the text the person agreed to can always be shown.
 */
@Repository
class ConsentLedger implements ConsentProofs {

	/** The sealing and blind-index field of email addresses; the newsletter's subscriptions use the same one. */
	static final String EMAIL_FIELD = "privacy.newsletter.email";

	/** An unconfirmed newsletter sign-up counts as ended this long after the request (the confirmation link's validity). */
	static final Duration NEWSLETTER_CONFIRMATION_VALIDITY = Duration.ofDays(7);

	static final String IP_FIELD = "privacy.consent.ip";

	/** A cookie choice lasts this long; its proof counts as ended afterwards (register rule consent-records). */
	static final long COOKIE_CHOICE_DAYS = 365;

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final PolicyVersions policy;

	private final Clock clock;

	ConsentLedger(JdbcClient jdbc, PersonalDataCipher cipher, PolicyVersions policy, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.policy = policy;
		this.clock = clock;
	}

	/** Appends a proof under the policy version in force now and returns it. */
	ConsentRecord append(UUID subjectKey, @Nullable AccountId account, @Nullable EmailAddress email, String purpose,
			ConsentAction action, @Nullable String choice, ConsentSource source, @Nullable String ip) {
		var key = new AccountId(subjectKey);
		var record = new ConsentRecord(UUID.randomUUID(), subjectKey, account, email, purpose, action, choice,
				clock.instant().truncatedTo(ChronoUnit.MICROS), source, policy.current(), ip);
		Sealed sealedEmail = email == null ? null : cipher.seal(key, EMAIL_FIELD, email.value());
		Sealed sealedIp = cipher.sealNullable(key, IP_FIELD, ip);
		jdbc.sql("insert into privacy_consent_records (id, subject_key, account_id, email_sealed, email_index, purpose, "
				+ "action, choice, occurred_at, source, policy_version, ip_sealed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(record.id(), subjectKey, account == null ? null : account.value(),
					sealedEmail == null ? null : sealedEmail.bytes(), email == null ? null : emailIndex(email).bytes(),
					purpose, action.name(), choice, Timestamp.from(record.occurredAt()), source.code(),
					record.policyVersion(), sealedIp == null ? null : sealedIp.bytes())
			.update();
		return record;
	}

	@Override
	public void record(UUID subjectKey, @Nullable AccountId account, @Nullable EmailAddress email, String purpose,
			ConsentAction action, ConsentSource source, @Nullable String ip) {
		append(subjectKey, account, email, purpose, action, null, source, ip);
	}

	@Override
	public List<ConsentRecord> proofs(UUID subjectKey) {
		return ofSubjectKey(subjectKey);
	}

	@Override
	public Optional<String> policyVersion(UUID subjectKey) {
		List<ConsentRecord> proof = ofSubjectKey(subjectKey);
		return proof.isEmpty() ? Optional.empty() : Optional.of(proof.get(proof.size() - 1).policyVersion());
	}

	@Override
	public boolean hasProof(UUID subjectKey) {
		return hasRecords(subjectKey);
	}

	BlindIndex emailIndex(EmailAddress email) {
		return cipher.blindIndex(EMAIL_FIELD, email.canonical());
	}

	List<ConsentRecord> ofSubjectKey(UUID subjectKey) {
		return jdbc.sql("select * from privacy_consent_records where subject_key = ? order by occurred_at, id")
			.param(subjectKey)
			.query(this::map)
			.list();
	}

	/** Every record about the subject: by account id, or by the email's blind index. */
	@Override
	public List<ConsentRecord> about(@Nullable AccountId account, @Nullable EmailAddress email) {
		var where = subjectCondition(account, email);
		return jdbc.sql("select * from privacy_consent_records where " + where.sql() + " order by occurred_at, id")
			.params(where.params())
			.query(this::map)
			.list();
	}

	/** The subject keys of the subject's records (several subscriptions over time, cookie consent ids). */
	List<UUID> subjectKeys(@Nullable AccountId account, @Nullable EmailAddress email) {
		var where = subjectCondition(account, email);
		return jdbc.sql("select distinct subject_key from privacy_consent_records where " + where.sql())
			.params(where.params())
			.query(UUID.class)
			.list();
	}

	private record Condition(String sql, List<Object> params) {
	}

	/** No null parameters: PostgreSQL cannot always type them. */
	private Condition subjectCondition(@Nullable AccountId account, @Nullable EmailAddress email) {
		if (account != null && email != null) {
			return new Condition("(account_id = ? or email_index = ?)", List.of(account.value(), emailIndex(email).bytes()));
		}
		if (account != null) {
			return new Condition("account_id = ?", List.of(account.value()));
		}
		if (email != null) {
			return new Condition("email_index = ?", List.of(emailIndex(email).bytes()));
		}
		return new Condition("1 = 0", List.of());
	}

	int deleteSubjectKey(UUID subjectKey) {
		return jdbc.sql("delete from privacy_consent_records where subject_key = ?").param(subjectKey).update();
	}

	int deleteAccount(AccountId account) {
		return jdbc.sql("delete from privacy_consent_records where account_id = ?").param(account.value()).update();
	}

	/**
	 * The subject keys whose consent ended before {@code cutoff}, so their proofs have outlived the
	 * retention period: a newsletter subscription withdrawn (or never confirmed and lapsed, 7 days
	 * after the request), or a cookie choice superseded by a newer one or expired after a year.
	 * Cookie records are returned individually as (subject key, record id) through {@link #endedCookieRecords}.
	 */
	List<UUID> endedNewsletterKeys(Instant cutoff) {
		Timestamp at = Timestamp.from(cutoff);
		return jdbc.sql("select distinct r.subject_key from privacy_consent_records r where r.purpose = 'newsletter' and ("
				+ "exists (select 1 from privacy_consent_records w where w.subject_key = r.subject_key "
				+ "  and w.action = 'WITHDRAWN' and w.occurred_at < ?) "
				+ "or (not exists (select 1 from privacy_consent_records c where c.subject_key = r.subject_key "
				+ "  and c.action in ('CONFIRMED', 'WITHDRAWN')) "
				+ "  and not exists (select 1 from privacy_consent_records q where q.subject_key = r.subject_key "
				+ "  and q.action = 'REQUESTED' and q.occurred_at >= ?)))")
			.params(at, Timestamp.from(cutoff.minus(NEWSLETTER_CONFIRMATION_VALIDITY)))
			.query(UUID.class)
			.list();
	}

	/** Cookie-choice records that were superseded, or expired, before the cutoff. */
	List<UUID> endedCookieRecords(Instant cutoff) {
		Timestamp at = Timestamp.from(cutoff);
		return jdbc.sql("select r.id from privacy_consent_records r where r.purpose = 'cookies' and (r.occurred_at < ? "
				+ "or exists (select 1 from privacy_consent_records n where n.subject_key = r.subject_key "
				+ "  and n.purpose = 'cookies' and n.occurred_at > r.occurred_at and n.occurred_at < ?))")
			.params(Timestamp.from(cutoff.minus(COOKIE_CHOICE_DAYS, ChronoUnit.DAYS)), at)
			.query(UUID.class)
			.list();
	}

	int countSubjectKey(UUID subjectKey) {
		return jdbc.sql("select count(*) from privacy_consent_records where subject_key = ?")
			.param(subjectKey)
			.query(Long.class)
			.single()
			.intValue();
	}

	int deleteRecord(UUID id) {
		return jdbc.sql("delete from privacy_consent_records where id = ?").param(id).update();
	}

	boolean hasRecords(UUID subjectKey) {
		return jdbc.sql("select count(*) from privacy_consent_records where subject_key = ?")
			.param(subjectKey)
			.query(Long.class)
			.single() > 0;
	}

	private ConsentRecord map(ResultSet rs, int row) throws SQLException {
		UUID subjectKey = rs.getObject("subject_key", UUID.class);
		var key = new AccountId(subjectKey);
		UUID account = rs.getObject("account_id", UUID.class);
		byte[] email = rs.getBytes("email_sealed");
		String ip = null;
		EmailAddress address = null;
		if (!cipher.isDestroyed(key)) {
			address = email == null ? null : EmailAddress.of(cipher.open(key, EMAIL_FIELD, Sealed.fromBytes(email)));
			ip = cipher.openNullable(key, IP_FIELD, Sealed.fromNullableBytes(rs.getBytes("ip_sealed")));
		}
		return new ConsentRecord(rs.getObject("id", UUID.class), subjectKey, account == null ? null : new AccountId(account),
				address, rs.getString("purpose"), ConsentAction.valueOf(rs.getString("action")), rs.getString("choice"),
				rs.getTimestamp("occurred_at").toInstant(), ConsentSource.ofCode(rs.getString("source")),
				rs.getString("policy_version"), ip);
	}
}
