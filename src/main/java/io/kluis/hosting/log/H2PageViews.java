package io.kluis.hosting.log;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The page-view log on H2 (development, tests, small installations): one table, a batch of inserts
 * per transaction, retention by {@code DELETE} (an index on the time keeps it from scanning the table).
 */
class H2PageViews extends JdbcPageViews {

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	H2PageViews(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
		super(jdbc);
		this.template = template;
		this.transactions = transactions;
	}

	@Override
	public void write(List<PageView> batch) {
		transactions.executeWithoutResult(status -> template.batchUpdate(
				"insert into " + TABLE + " (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						PageView view = batch.get(i);
						ps.setObject(1, view.time().atOffset(ZoneOffset.UTC));
						ps.setString(2, view.site().value());
						ps.setString(3, view.domain());
						ps.setString(4, view.path());
						setNullable(ps, 5, view.query());
						ps.setInt(6, view.status());
						ps.setLong(7, view.bytes());
						setNullable(ps, 8, view.userAgent());
						ps.setString(9, view.visitorIp());
						setNullable(ps, 10, view.referrerHost());
					}

					@Override
					public int getBatchSize() {
						return batch.size();
					}
				}));
	}

	private static void setNullable(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.VARCHAR);
		}
		else {
			ps.setString(index, value);
		}
	}

	@Override
	public void prepare(Collection<YearMonth> months) {
		// One table: every month can be written.
	}

	@Override
	public Expiry expire(Instant cutoff, boolean dryRun) {
		String where = " from " + TABLE + " where viewed_at < ?";
		long rows = dryRun ? jdbc.sql("select count(*)" + where).param(cutoff.atOffset(ZoneOffset.UTC)).query(Long.class).single()
				: jdbc.sql("delete" + where).param(cutoff.atOffset(ZoneOffset.UTC)).update();
		return new Expiry(Map.of(), rows);
	}

	@Override
	public Map<String, String> personalColumns(String category) {
		return personal(TABLE, category);
	}
}
