package io.kluis.privacy.requests;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The requests in {@code privacy_requests}; address, name and message are sealed under the request's key. */
@Repository
public class DataSubjectRequests {

	static final String EMAIL_FIELD = "privacy.requests.email";

	static final String NAME_FIELD = "privacy.requests.name";

	static final String MESSAGE_FIELD = "privacy.requests.message";

	private static final String COLUMNS = "id, key_owner, kind, state, identity_check, locale, account_id, received_at, "
			+ "confirmed_at, original_due_at, due_at, extension_months, closed_at, channel, deadline_period";

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	DataSubjectRequests(JdbcClient jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void insert(DataSubjectRequest request, RequestContents contents) {
		AccountId key = request.keyOwner();
		jdbc.sql("insert into privacy_requests (id, key_owner, kind, state, identity_check, locale, email, email_index, "
				+ "name, message, received_at, channel) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(request.id().value(), key.value(), request.kind().name(), request.state().name(),
					request.identityCheck().name(), request.locale().getLanguage(),
					cipher.seal(key, EMAIL_FIELD, contents.email().value()).bytes(), emailIndex(contents.email()),
					bytes(cipher.sealNullable(key, NAME_FIELD, contents.name())),
					cipher.seal(key, MESSAGE_FIELD, contents.message()).bytes(), Timestamp.from(request.receivedAt()),
					request.channel().name())
			.update();
	}

	/** Saves the state fields; the contents never change. */
	void update(DataSubjectRequest request) {
		Deadline deadline = request.deadline();
		jdbc.sql("update privacy_requests set state = ?, identity_check = ?, account_id = ?, confirmed_at = ?, "
				+ "original_due_at = ?, due_at = ?, extension_months = ?, closed_at = ?, deadline_period = ? where id = ?")
			.params(request.state().name(), request.identityCheck().name(),
					request.account() == null ? null : request.account().value(),
					deadline == null ? null : Timestamp.from(deadline.confirmedAt()),
					deadline == null ? null : Timestamp.from(deadline.originalDue()),
					deadline == null ? null : Timestamp.from(deadline.due()), deadline == null ? 0 : deadline.extensionMonths(),
					request.closedAt() == null ? null : Timestamp.from(request.closedAt()),
					deadline == null ? null : deadline.period().toString(), request.id().value())
			.update();
	}

	public Optional<DataSubjectRequest> findById(RequestId id) {
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where id = ?")
			.param(id.value())
			.query((rs, i) -> map(rs))
			.optional();
	}

	/**
	 * Opens the sealed contents.
	 *
	 * @throws IllegalStateException when the request was minimised (only open requests are acted on,
	 *         and those never are)
	 */
	public RequestContents contents(DataSubjectRequest request) {
		return keptContents(request).orElseThrow(() -> new IllegalStateException("request " + request.id()
				+ " was minimised"));
	}

	/** The sealed contents, opened; empty once the request was minimised after an erasure. */
	public Optional<RequestContents> keptContents(DataSubjectRequest request) {
		AccountId key = request.keyOwner();
		return jdbc.sql("select email, name, message from privacy_requests where id = ?")
			.param(request.id().value())
			.query((rs, i) -> rs.getBytes("email") == null ? null : new RequestContents(
					EmailAddress.of(cipher.open(key, EMAIL_FIELD, Sealed.fromBytes(rs.getBytes("email")))),
					cipher.openNullable(key, NAME_FIELD, Sealed.fromNullableBytes(rs.getBytes("name"))),
					cipher.open(key, MESSAGE_FIELD, Sealed.fromBytes(rs.getBytes("message")))))
			.optional();
	}

	/**
	 * The requests of a data subject: made from the subject's address (by its blind index) or
	 * confirmed for the subject's account. Minimised requests are found by the account only.
	 */
	List<DataSubjectRequest> of(@Nullable AccountId account, @Nullable EmailAddress email) {
		var conditions = new ArrayList<String>();
		var params = new ArrayList<Object>();
		if (account != null) {
			conditions.add("account_id = ?");
			params.add(account.value());
		}
		if (email != null) {
			conditions.add("email_index = ?");
			params.add(emailIndex(email));
		}
		if (conditions.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where " + String.join(" or ", conditions)
				+ " order by received_at")
			.params(params)
			.query((rs, i) -> map(rs))
			.list();
	}

	/** Whether the request's subject was erased while it was open (it is minimised when closed). */
	boolean subjectErased(RequestId id) {
		return jdbc.sql("select count(*) from privacy_requests where id = ? and subject_erased_at is not null")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	/** Marks an open request whose subject was erased; false when it was marked already. */
	boolean markSubjectErased(RequestId id, Instant at) {
		return jdbc.sql("update privacy_requests set subject_erased_at = ? where id = ? and subject_erased_at is null")
			.params(Timestamp.from(at), id.value())
			.update() == 1;
	}

	boolean isMinimised(RequestId id) {
		return jdbc.sql("select count(*) from privacy_requests where id = ? and minimised_at is not null")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Minimises a request kept under its legal hold after its subject was erased: the address, its
	 * blind index, the name, the message and every timeline text (answers, reasons, an access
	 * document) are cleared, and the request's key is destroyed, so copies of them in backups are
	 * unreadable too. What remains is the kind, the dates, the states and who acted: the record that
	 * the request was handled, and how (art. 5(2)). Idempotent; false when it was minimised already.
	 */
	boolean minimise(DataSubjectRequest request, Instant at) {
		int changed = jdbc.sql("update privacy_requests set email = null, email_index = null, name = null, "
				+ "message = null, minimised_at = ? where id = ? and minimised_at is null")
			.params(Timestamp.from(at), request.id().value())
			.update();
		jdbc.sql("update privacy_request_events set text = null where request_id = ?").param(request.id().value()).update();
		cipher.destroyDataKey(request.keyOwner());
		return changed == 1;
	}

	/** Closed requests whose period (counted from closing) ended before the cutoff. */
	List<DataSubjectRequest> closedBefore(Instant cutoff) {
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where state = 'CLOSED' and closed_at < ?")
			.param(Timestamp.from(cutoff))
			.query((rs, i) -> map(rs))
			.list();
	}

	/**
	 * The privacy officer's queue: open requests, overdue first, then by due date; then the most
	 * recently closed ones. Unconfirmed requests are not in it.
	 */
	public List<DataSubjectRequest> queue(Instant now, int limit) {
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where state <> 'AWAITING_CONFIRMATION' "
				+ "order by case when state = 'CLOSED' then 2 when due_at <= ? then 0 else 1 end, "
				+ "case when state = 'CLOSED' then null else due_at end, closed_at desc fetch first ? rows only")
			.params(Timestamp.from(now), limit)
			.query((rs, i) -> map(rs))
			.list();
	}

	/** Open requests due before the moment, for the reminder job. */
	List<DataSubjectRequest> openDueBefore(Instant moment) {
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where state = 'OPEN' and due_at <= ? order by due_at")
			.param(Timestamp.from(moment))
			.query((rs, i) -> map(rs))
			.list();
	}

	/** Requests whose confirmation link was never used, received before the cutoff: id and key owner. */
	List<DataSubjectRequest> unconfirmedBefore(Instant cutoff) {
		return jdbc.sql("select " + COLUMNS + " from privacy_requests where state = 'AWAITING_CONFIRMATION' and received_at < ?")
			.param(Timestamp.from(cutoff))
			.query((rs, i) -> map(rs))
			.list();
	}

	int delete(RequestId id) {
		return jdbc.sql("delete from privacy_requests where id = ?").param(id.value()).update();
	}

	byte[] emailIndex(EmailAddress email) {
		return cipher.blindIndex(EMAIL_FIELD, email.canonical()).bytes();
	}

	private static byte @Nullable [] bytes(@Nullable Sealed sealed) {
		return sealed == null ? null : sealed.bytes();
	}

	private static DataSubjectRequest map(ResultSet rs) throws SQLException {
		UUID account = rs.getObject("account_id", UUID.class);
		Timestamp confirmed = rs.getTimestamp("confirmed_at");
		Timestamp closed = rs.getTimestamp("closed_at");
		String period = rs.getString("deadline_period");
		Deadline deadline = confirmed == null ? null
				: new Deadline(confirmed.toInstant(), rs.getTimestamp("original_due_at").toInstant(),
						rs.getTimestamp("due_at").toInstant(), rs.getInt("extension_months"),
						period == null ? Period.ofMonths(1) : Period.parse(period));
		return new DataSubjectRequest(new RequestId(rs.getObject("id", UUID.class)),
				new AccountId(rs.getObject("key_owner", UUID.class)), RequestKind.valueOf(rs.getString("kind")),
				Locale.forLanguageTag(rs.getString("locale")), rs.getTimestamp("received_at").toInstant(),
				RequestChannel.valueOf(rs.getString("channel")), RequestState.valueOf(rs.getString("state")),
				IdentityCheck.valueOf(rs.getString("identity_check")),
				account == null ? null : new AccountId(account), deadline, closed == null ? null : closed.toInstant());
	}
}
