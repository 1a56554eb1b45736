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
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications_dev_mailbox} table: mails "delivered" on an installation without SMTP,
 * sealed like the outbox (same key owner), one row per mail id however often it is handed over.
 */
@Repository
class DevMailbox {

	/** A stored mail; {@code message} is sealed. */
	record Row(MailId id, @Nullable AccountId subject, AccountId keyOwner, MailCategory category, String template,
			String messageId, Instant deliveredAt, MailSealer.SealedMail message) {
	}

	private static final String SELECT = "select id, subject_id, key_owner_id, category, template, message_id, "
			+ "delivered_at, recipient, subject_line, body_text, body_html, headers from notifications_dev_mailbox";

	private final JdbcClient jdbc;

	DevMailbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the mail unless a copy with its id is there already (a repeated hand-over). */
	void store(OutgoingMail mail, MailSealer.SealedMail message, Instant now) {
		jdbc.sql("""
				insert into notifications_dev_mailbox (id, subject_id, key_owner_id, category, template, message_id,
				  delivered_at, recipient, subject_line, body_text, body_html, headers)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(mail.id().value(), mail.subject() == null ? null : mail.subject().value(), mail.keyOwner().value(),
					mail.category().name(), mail.template(), mail.messageId(), Timestamp.from(now),
					message.recipient().bytes(), message.subjectLine().bytes(), message.text().bytes(),
					message.html().bytes(), message.headers().bytes())
			.update();
	}

	List<Row> latest(int limit) {
		return jdbc.sql(SELECT + " order by delivered_at desc, id fetch first ? rows only")
			.param(limit)
			.query((rs, i) -> row(rs))
			.list();
	}

	Optional<Row> find(MailId id) {
		return jdbc.sql(SELECT + " where id = ?").param(id.value()).query((rs, i) -> row(rs)).optional();
	}

	int delete(Collection<MailId> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return jdbc.sql("delete from notifications_dev_mailbox where id in (:ids)")
			.param("ids", ids.stream().map(MailId::value).toList())
			.update();
	}

	int deleteSubject(AccountId subject) {
		return jdbc.sql("delete from notifications_dev_mailbox where subject_id = ?").param(subject.value()).update();
	}

	private static Row row(ResultSet rs) throws SQLException {
		UUID subject = rs.getObject(2, UUID.class);
		return new Row(new MailId(rs.getObject(1, UUID.class)), subject == null ? null : new AccountId(subject),
				new AccountId(rs.getObject(3, UUID.class)), MailCategory.valueOf(rs.getString(4)), rs.getString(5),
				rs.getString(6), rs.getTimestamp(7).toInstant(),
				MailSealer.SealedMail.read(rs, 8));
	}
}
