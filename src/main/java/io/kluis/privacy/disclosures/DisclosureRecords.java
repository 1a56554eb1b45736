package io.kluis.privacy.disclosures;

import io.kluis.crypto.Sealed;
import io.kluis.privacy.DisclosureId;
import io.kluis.privacy.register.LegalBasis;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code privacy_disclosures}; categories are stored as a comma-separated list of register ids. */
@Repository
class DisclosureRecords {

	private final JdbcClient jdbc;

	DisclosureRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(RecordedDisclosure d) {
		jdbc.sql("insert into privacy_disclosures (id, account_id, recipient_id, categories, purpose_id, legal_basis, "
				+ "legal_ground, reference_sealed, recorded_by, disclosed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(d.id().value(), d.subject().value(), d.recipient(), String.join(",", d.categories()), d.purpose(),
					d.legalBasis().name(), d.legalGround(), d.reference() == null ? null : d.reference().bytes(),
					d.recordedBy() == null ? null : d.recordedBy().value(), Timestamp.from(d.disclosedAt()))
			.update();
	}

	/** The newest disclosures, optionally of one subject only, newest first. */
	List<RecordedDisclosure> recent(@Nullable AccountId subject, int limit) {
		String where = subject == null ? "" : "where account_id = ? ";
		var statement = jdbc.sql("select * from privacy_disclosures " + where
				+ "order by disclosed_at desc, id fetch first " + limit + " rows only");
		if (subject != null) {
			statement = statement.param(subject.value());
		}
		return statement.query(DisclosureRecords::map).list();
	}

	List<RecordedDisclosure> about(AccountId subject) {
		return jdbc.sql("select * from privacy_disclosures where account_id = ? order by disclosed_at, id")
			.param(subject.value())
			.query(DisclosureRecords::map)
			.list();
	}

	List<RecordedDisclosure> recordedBy(AccountId staff) {
		return jdbc.sql("select * from privacy_disclosures where recorded_by = ? order by disclosed_at, id")
			.param(staff.value())
			.query(DisclosureRecords::map)
			.list();
	}

	/** Erasure of the subject: the sealed reference goes (unreadable after the shredding anyway), the rest is kept. */
	int forgetReferences(AccountId subject) {
		jdbc.sql("update privacy_disclosures set reference_sealed = null where account_id = ?").param(subject.value()).update();
		return jdbc.sql("select count(*) from privacy_disclosures where account_id = ?")
			.param(subject.value())
			.query(Integer.class)
			.single();
	}

	int countDisclosedBefore(Instant cutoff) {
		return jdbc.sql("select count(*) from privacy_disclosures where disclosed_at < ?")
			.param(Timestamp.from(cutoff))
			.query(Integer.class)
			.single();
	}

	int deleteDisclosedBefore(Instant cutoff) {
		return jdbc.sql("delete from privacy_disclosures where disclosed_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private static RecordedDisclosure map(ResultSet rs, int row) throws SQLException {
		UUID recordedBy = rs.getObject("recorded_by", UUID.class);
		return new RecordedDisclosure(new DisclosureId(rs.getObject("id", UUID.class)),
				new AccountId(rs.getObject("account_id", UUID.class)), rs.getString("recipient_id"),
				Arrays.asList(rs.getString("categories").split(",")), rs.getString("purpose_id"),
				LegalBasis.valueOf(rs.getString("legal_basis")), rs.getString("legal_ground"),
				Sealed.fromNullableBytes(rs.getBytes("reference_sealed")),
				recordedBy == null ? null : new AccountId(recordedBy), rs.getTimestamp("disclosed_at").toInstant());
	}
}
