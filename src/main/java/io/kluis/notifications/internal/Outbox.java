package io.kluis.notifications.internal;

import io.kluis.notifications.MailCategory;
import io.kluis.notifications.MailId;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications_outbox} table. A row moves QUEUED → SENDING (claimed by one node until
 * {@code claimed_until}) → SENT, or back to QUEUED with a later {@code next_attempt_at}, or FAILED.
 * Every state change after the claim is guarded by the claim token, so a node whose lease ran out
 * cannot overwrite the node that took over.
 */
@Repository
class Outbox {

	/** A row this node claimed; the token proves the claim is still ours when the state changes. */
	record Claimed(OutboxEntry entry, UUID token) {

		MailId id() {
			return entry.id();
		}
	}

	/** A purgeable row: what must go, and whose key to destroy with it. */
	record Expired(MailId id, @Nullable AccountId subject, AccountId keyOwner) {
	}

	private static final String DUE = "((status = 'QUEUED' and next_attempt_at <= :now) "
			+ "or (status = 'SENDING' and claimed_until <= :now and attempts < :maxAttempts))";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(OutboxEntry entry, Instant now) {
		var message = entry.message();
		jdbc.sql("""
				insert into notifications_outbox (id, subject_id, key_owner_id, category, template, message_id, status,
				  created_at, next_attempt_at, attempts, recipient, subject_line, body_text, body_html, headers, attachments)
				values (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, 0, ?, ?, ?, ?, ?, ?)""")
			.params(entry.id().value(), entry.subject() == null ? null : entry.subject().value(),
					entry.keyOwner().value(), entry.category().name(), entry.template(), entry.messageId(),
					Timestamp.from(now), Timestamp.from(now), message.recipient().bytes(),
					message.subjectLine().bytes(), message.text().bytes(), message.html().bytes(),
					message.headers().bytes(), entry.attachments() == null ? null : entry.attachments().bytes())
			.update();
	}

	/**
	 * Claims up to {@code limit} due rows for this node and returns them. Call inside a transaction:
	 * {@code FOR UPDATE SKIP LOCKED} keeps concurrent nodes on PostgreSQL from picking the same rows;
	 * the guarded update makes a double claim impossible even where the database does not skip (H2
	 * then just hands the second node nothing). Counts the attempt now, so a mail that crashes its
	 * node still runs out of attempts.
	 */
	List<Claimed> claimDue(Instant now, Instant until, int limit, int maxAttempts) {
		List<UUID> ids = jdbc.sql("select id from notifications_outbox where " + DUE
				+ " order by next_attempt_at fetch first :limit rows only for update skip locked")
			.param("now", Timestamp.from(now))
			.param("maxAttempts", maxAttempts)
			.param("limit", limit)
			.query((rs, i) -> rs.getObject(1, UUID.class))
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		UUID token = UUID.randomUUID();
		jdbc.sql("update notifications_outbox set status = 'SENDING', claimed_until = :until, claim_token = :token, "
				+ "attempts = attempts + 1 where id in (:ids) and " + DUE)
			.param("until", Timestamp.from(until))
			.param("token", token)
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.param("maxAttempts", maxAttempts)
			.update();
		return jdbc.sql("""
				select id, subject_id, key_owner_id, category, template, message_id, attempts,
				  recipient, subject_line, body_text, body_html, headers, attachments
				from notifications_outbox where claim_token = ? and status = 'SENDING'""")
			.param(token)
			.query((rs, i) -> entry(rs, token))
			.list();
	}

	/** Marks a claimed row sent; false when the claim was lost to another node meanwhile. */
	boolean markSent(Claimed claimed, Instant now) {
		return jdbc.sql("update notifications_outbox set status = 'SENT', sent_at = ?, claimed_until = null, "
				+ "claim_token = null, last_error_code = null where id = ? and claim_token = ?")
			.params(Timestamp.from(now), claimed.id().value(), claimed.token())
			.update() == 1;
	}

	boolean reschedule(Claimed claimed, Instant nextAttempt, String errorCode) {
		return jdbc.sql("update notifications_outbox set status = 'QUEUED', next_attempt_at = ?, last_error_code = ?, "
				+ "claimed_until = null, claim_token = null where id = ? and claim_token = ?")
			.params(Timestamp.from(nextAttempt), errorCode, claimed.id().value(), claimed.token())
			.update() == 1;
	}

	boolean markFailed(Claimed claimed, Instant now, String errorCode) {
		return jdbc.sql("update notifications_outbox set status = 'FAILED', failed_at = ?, last_error_code = ?, "
				+ "claimed_until = null, claim_token = null where id = ? and claim_token = ?")
			.params(Timestamp.from(now), errorCode, claimed.id().value(), claimed.token())
			.update() == 1;
	}

	/** Rows whose node vanished while sending their last allowed attempt: FAILED, not retried forever. */
	int failAbandoned(Instant now, int maxAttempts) {
		return jdbc.sql("update notifications_outbox set status = 'FAILED', failed_at = ?, last_error_code = 'lease-expired', "
				+ "claimed_until = null, claim_token = null "
				+ "where status = 'SENDING' and claimed_until <= ? and attempts >= ?")
			.params(Timestamp.from(now), Timestamp.from(now), maxAttempts)
			.update();
	}

	List<Expired> expired(Instant cutoff, int limit) {
		return jdbc.sql("select id, subject_id, key_owner_id from notifications_outbox "
				+ "where (status = 'SENT' and sent_at < :cutoff) or (status = 'FAILED' and failed_at < :cutoff) "
				+ "fetch first :limit rows only")
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query((rs, i) -> new Expired(new MailId(rs.getObject(1, UUID.class)), accountId(rs, 2),
					new AccountId(rs.getObject(3, UUID.class))))
			.list();
	}

	int countExpired(Instant cutoff) {
		return jdbc.sql("select count(*) from notifications_outbox "
				+ "where (status = 'SENT' and sent_at < :cutoff) or (status = 'FAILED' and failed_at < :cutoff)")
			.param("cutoff", Timestamp.from(cutoff))
			.query(Integer.class)
			.single();
	}

	/** A subject's row without its sealed columns, for {@link #about}. */
	record Listed(MailId id, AccountId keyOwner, MailCategory category, String template, String status,
			Instant queuedAt, @Nullable Instant sentAt, @Nullable Instant failedAt) {
	}

	interface ListedMapper<T> {
		T map(Listed row, MailSealer.SealedMail sealed);
	}

	/** The subject's mails, oldest first, mapped with their sealed columns; rows whose key is gone are left out. */
	<T> List<T> about(AccountId subject, ListedMapper<T> mapper) {
		var result = new java.util.ArrayList<T>();
		jdbc.sql("select id, key_owner_id, category, template, status, created_at, sent_at, failed_at, "
				+ "recipient, subject_line, body_text, body_html, headers from notifications_outbox "
				+ "where subject_id = ? order by created_at, id")
			.param(subject.value())
			.query((ResultSet rs) -> {
				var row = new Listed(new MailId(rs.getObject(1, UUID.class)), new AccountId(rs.getObject(2, UUID.class)),
						MailCategory.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
						rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
				try {
					result.add(mapper.map(row, MailSealer.SealedMail.read(rs, 9)));
				}
				catch (io.kluis.crypto.DataKeyDestroyedException e) {
					// Crypto-shredded: nothing of it can be read any more.
				}
			});
		return result;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	int delete(Collection<MailId> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return jdbc.sql("delete from notifications_outbox where id in (:ids)")
			.param("ids", ids.stream().map(MailId::value).toList())
			.update();
	}

	int deleteSubject(AccountId subject) {
		return jdbc.sql("delete from notifications_outbox where subject_id = ?").param(subject.value()).update();
	}

	private static Claimed entry(ResultSet rs, UUID token) throws SQLException {
		var message = MailSealer.SealedMail.read(rs, 8);
		byte[] attachments = rs.getBytes(13);
		return new Claimed(new OutboxEntry(new MailId(rs.getObject(1, UUID.class)), accountId(rs, 2),
				new AccountId(rs.getObject(3, UUID.class)), MailCategory.valueOf(rs.getString(4)), rs.getString(5),
				rs.getString(6), rs.getInt(7), message,
				attachments == null ? null : io.kluis.crypto.Sealed.fromBytes(attachments)), token);
	}

	private static @Nullable AccountId accountId(ResultSet rs, int column) throws SQLException {
		UUID id = rs.getObject(column, UUID.class);
		return id == null ? null : new AccountId(id);
	}
}
