package io.kluis.newsletter;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.newsletter.Subscription.Status;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Newsletter subscriptions ({@code privacy_newsletter_subscriptions}); email and unsubscribe secret sealed. */
@Repository
class Subscriptions {

	/**
	 * The sealing and blind-index field of the address: the consent ledger's proofs use the same one
	 * (stored data depends on it; never change it).
	 */
	static final String EMAIL_FIELD = "privacy.newsletter.email";

	static final String UNSUBSCRIBE_FIELD = "privacy.newsletter.unsubscribe";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	Subscriptions(JdbcClient jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void insert(Subscription s) {
		var key = new AccountId(s.id());
		jdbc.sql("insert into privacy_newsletter_subscriptions (id, account_id, email_sealed, email_index, locale, status, "
				+ "requested_at, lapses_at, confirmed_at, withdrawn_at, unsubscribe_sealed, unsubscribe_index) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(s.id(), s.account() == null ? null : s.account().value(),
					cipher.seal(key, EMAIL_FIELD, s.email().value()).bytes(), emailIndex(s.email()),
					s.locale().toLanguageTag(), s.status().name(), ts(s.requestedAt()), ts(s.lapsesAt()),
					ts(s.confirmedAt()), ts(s.withdrawnAt()),
					cipher.seal(key, UNSUBSCRIBE_FIELD, s.unsubscribeSecret()).bytes(), unsubscribeIndex(s.unsubscribeSecret()))
			.update();
	}

	/** Stores a state change made by {@link Subscription#confirm} or {@link Subscription#withdraw}. */
	void update(Subscription s) {
		jdbc.sql("update privacy_newsletter_subscriptions set account_id = ?, status = ?, confirmed_at = ?, withdrawn_at = ? "
				+ "where id = ?")
			.params(s.account() == null ? null : s.account().value(), s.status().name(), ts(s.confirmedAt()),
					ts(s.withdrawnAt()), s.id())
			.update();
	}

	Optional<Subscription> find(UUID id) {
		return jdbc.sql("select * from privacy_newsletter_subscriptions where id = ?").param(id).query(this::map).optional();
	}

	Optional<Subscription> findActive(EmailAddress email) {
		return jdbc.sql("select * from privacy_newsletter_subscriptions where email_index = ? and status <> 'WITHDRAWN' "
				+ "order by requested_at desc fetch first 1 rows only")
			.param(emailIndex(email))
			.query(this::map)
			.optional();
	}

	Optional<Subscription> findActive(AccountId account) {
		return jdbc.sql("select * from privacy_newsletter_subscriptions where account_id = ? and status <> 'WITHDRAWN' "
				+ "order by requested_at desc fetch first 1 rows only")
			.param(account.value())
			.query(this::map)
			.optional();
	}

	Optional<Subscription> findByUnsubscribeSecret(String secret) {
		if (!ConsentTokens.looksLikeSecret(secret)) {
			return Optional.empty();
		}
		return jdbc.sql("select * from privacy_newsletter_subscriptions where unsubscribe_index = ?")
			.param(unsubscribeIndex(secret))
			.query(this::map)
			.optional();
	}

	/** Confirmed subscriptions, oldest first, a page at a time (sending an issue). */
	List<Subscription> confirmed(int offset, int limit) {
		return jdbc.sql("select * from privacy_newsletter_subscriptions where status = 'CONFIRMED' "
				+ "order by confirmed_at, id offset ? rows fetch next ? rows only")
			.params(offset, limit)
			.query(this::map)
			.list();
	}

	/** Every subscription of the subject, by account or email, any state. */
	List<Subscription> of(@Nullable AccountId account, @Nullable EmailAddress email) {
		var found = new java.util.LinkedHashMap<UUID, Subscription>();
		if (account != null) {
			jdbc.sql("select * from privacy_newsletter_subscriptions where account_id = ? order by requested_at")
				.param(account.value())
				.query(this::map)
				.list()
				.forEach(s -> found.put(s.id(), s));
		}
		if (email != null) {
			jdbc.sql("select * from privacy_newsletter_subscriptions where email_index = ? order by requested_at")
				.param(emailIndex(email))
				.query(this::map)
				.list()
				.forEach(s -> found.put(s.id(), s));
		}
		return List.copyOf(found.values());
	}

	/** Subscriptions that ended before the cutoff: withdrawn, or never confirmed and lapsed. */
	List<UUID> endedBefore(Instant cutoff) {
		return jdbc.sql("select id from privacy_newsletter_subscriptions where (status = 'WITHDRAWN' and withdrawn_at < ?) "
				+ "or (status = 'PENDING' and lapses_at < ?)")
			.params(ts(cutoff), ts(cutoff))
			.query(UUID.class)
			.list();
	}

	/** Whether a subscription (any state) still exists under this id, which is also its data key's owner. */
	boolean exists(UUID id) {
		return jdbc.sql("select count(*) from privacy_newsletter_subscriptions where id = ?").param(id).query(Long.class)
			.single() > 0;
	}

	/** The ids of every subscription of the subject, by account or email, without opening anything. */
	List<UUID> idsOf(@Nullable AccountId account, @Nullable EmailAddress email) {
		var found = new java.util.LinkedHashSet<UUID>();
		if (account != null) {
			found.addAll(jdbc.sql("select id from privacy_newsletter_subscriptions where account_id = ?")
				.param(account.value()).query(UUID.class).list());
		}
		if (email != null) {
			found.addAll(jdbc.sql("select id from privacy_newsletter_subscriptions where email_index = ?")
				.param(emailIndex(email)).query(UUID.class).list());
		}
		return List.copyOf(found);
	}

	int delete(UUID id) {
		return jdbc.sql("delete from privacy_newsletter_subscriptions where id = ?").param(id).update();
	}

	private byte[] emailIndex(EmailAddress email) {
		return cipher.blindIndex(EMAIL_FIELD, email.canonical()).bytes();
	}

	private byte[] unsubscribeIndex(String secret) {
		return cipher.blindIndex(UNSUBSCRIBE_FIELD, secret).bytes();
	}

	private Subscription map(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		var key = new AccountId(id);
		UUID account = rs.getObject("account_id", UUID.class);
		return new Subscription(id, account == null ? null : new AccountId(account),
				EmailAddress.of(cipher.open(key, EMAIL_FIELD, Sealed.fromBytes(rs.getBytes("email_sealed")))),
				Locale.forLanguageTag(rs.getString("locale")), Status.valueOf(rs.getString("status")),
				instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("lapses_at")),
				instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("withdrawn_at")),
				cipher.open(key, UNSUBSCRIBE_FIELD, Sealed.fromBytes(rs.getBytes("unsubscribe_sealed"))));
	}

	private static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
