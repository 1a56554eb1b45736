package io.kluis.privacy.rights;

import io.kluis.privacy.rights.SubjectStateChanged.Change;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets and lifts restriction (RIG-4) and objection (RIG-6) in {@code privacy_subject_states}, which
 * {@link io.kluis.privacy.SubjectRestrictions} reads for every module. A restriction also tells
 * every holder to stop processing beyond storage; an objection is a state the modules that process
 * on legitimate interest or for direct marketing check. Setting what is already set changes nothing
 * and audits nothing. A row whose restriction and objection are both lifted is deleted: the register
 * keeps these states "until lifted" (category {@code processing-restrictions}).
 *
 * <p>The holders are looked up when used: the privacy module's own holder
 * ({@link RightsDataHolder}) reads these states, so a constructor dependency would be a cycle.
 */
@Service
class SubjectStates {

	record State(@Nullable Instant restrictedAt, @Nullable Instant objectedAt) {

		boolean restricted() {
			return restrictedAt != null;
		}

		boolean objected() {
			return objectedAt != null;
		}
	}

	private final JdbcClient jdbc;

	private final ObjectProvider<PersonalDataHolder> holders;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SubjectStates(JdbcClient jdbc, ObjectProvider<PersonalDataHolder> holders, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.holders = holders;
		this.events = events;
		this.clock = clock;
	}

	State of(AccountId account) {
		return jdbc.sql("select restricted_at, objected_at from privacy_subject_states where account_id = ?")
			.param(account.value())
			.query((rs, i) -> new State(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))))
			.optional()
			.orElse(new State(null, null));
	}

	@Transactional
	State restrict(AccountId account, AccountId actor) {
		if (change(account, "restricted_at", clock.instant())) {
			holders.orderedStream().forEach(h -> h.restrict(DataSubject.of(account)));
			events.publishEvent(new SubjectStateChanged(account, actor, Change.RESTRICTED));
		}
		return of(account);
	}

	@Transactional
	State liftRestriction(AccountId account, AccountId actor) {
		if (change(account, "restricted_at", null)) {
			holders.orderedStream().forEach(h -> h.liftRestriction(DataSubject.of(account)));
			events.publishEvent(new SubjectStateChanged(account, actor, Change.RESTRICTION_LIFTED));
		}
		return of(account);
	}

	@Transactional
	State object(AccountId account, AccountId actor) {
		if (change(account, "objected_at", clock.instant())) {
			events.publishEvent(new SubjectStateChanged(account, actor, Change.OBJECTED));
		}
		return of(account);
	}

	@Transactional
	State withdrawObjection(AccountId account, AccountId actor) {
		if (change(account, "objected_at", null)) {
			events.publishEvent(new SubjectStateChanged(account, actor, Change.OBJECTION_WITHDRAWN));
		}
		return of(account);
	}

	/** Removes the account's states (erasure: nothing of the account may remain); returns rows removed. */
	int forget(AccountId account) {
		return jdbc.sql("delete from privacy_subject_states where account_id = ?").param(account.value()).update();
	}

	/** Sets or clears one column; true when that changed the state. */
	private boolean change(AccountId account, String column, @Nullable Instant value) {
		UUID id = account.value();
		Timestamp at = value == null ? null : Timestamp.from(value);
		String condition = value == null ? " is not null" : " is null";
		int updated = jdbc.sql("update privacy_subject_states set " + column + " = ? where account_id = ? and " + column
				+ condition).params(at, id).update();
		if (value == null) {
			jdbc.sql("delete from privacy_subject_states where account_id = ? and restricted_at is null "
					+ "and objected_at is null").param(id).update();
			return updated > 0;
		}
		if (updated > 0) {
			return true;
		}
		boolean exists = jdbc.sql("select count(*) from privacy_subject_states where account_id = ?").param(id)
			.query(Long.class).single() > 0;
		if (exists) {
			return false;
		}
		try {
			jdbc.sql("insert into privacy_subject_states (account_id, " + column + ") values (?, ?)").params(id, at).update();
			return true;
		}
		catch (DuplicateKeyException concurrently) {
			return false;
		}
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
