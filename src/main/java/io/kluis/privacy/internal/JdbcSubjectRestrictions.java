package io.kluis.privacy.internal;

import io.kluis.privacy.SubjectRestrictions;
import io.kluis.shared.AccountId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads restriction and objection states; the rights pages and API set and lift them. */
@Service
class JdbcSubjectRestrictions implements SubjectRestrictions {

	private final JdbcClient jdbc;

	JdbcSubjectRestrictions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isRestricted(AccountId account) {
		return jdbc.sql("select count(*) from privacy_subject_states where account_id = ? and restricted_at is not null")
			.param(account.value())
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public boolean hasObjected(AccountId account) {
		return jdbc.sql("select count(*) from privacy_subject_states where account_id = ? and objected_at is not null")
			.param(account.value())
			.query(Long.class)
			.single() > 0;
	}
}
