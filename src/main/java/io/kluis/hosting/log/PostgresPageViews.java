package io.kluis.hosting.log;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The page-view log on PostgreSQL: a table partitioned by calendar month (UTC) of {@code viewed_at}.
 *
 * <p><b>Writing</b>: one {@code COPY … FROM STDIN (FORMAT csv)} per batch through the driver's
 * {@code CopyManager}, on a pooled connection unwrapped to the driver's; one statement in auto-commit,
 * so a batch is stored whole or not at all. The months of a batch get their partition first (cached,
 * so normally no extra statement).
 *
 * <p><b>Retention</b> drops whole partitions ({@code DROP TABLE}: no row-by-row delete, and next to no
 * WAL). A partition is dropped only when its whole month lies before the cutoff, i.e. when all its rows
 * are past the period; the month that straddles the cutoff stays until it has passed too, so a page
 * view is kept for the period and at most one month longer.
 */
class PostgresPageViews extends JdbcPageViews {

	private static final Logger log = LoggerFactory.getLogger(PostgresPageViews.class);

	private static final Pattern PARTITION = Pattern.compile(TABLE + "_y(\\d{4})m(\\d{2})");

	private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssX");

	private final DataSource dataSource;

	/** Months whose partition is known to exist. */
	private final Set<YearMonth> prepared = ConcurrentHashMap.newKeySet();

	PostgresPageViews(JdbcClient jdbc, DataSource dataSource) {
		super(jdbc);
		this.dataSource = dataSource;
	}

	static String partition(YearMonth month) {
		return String.format("%s_y%04dm%02d", TABLE, month.getYear(), month.getMonthValue());
	}

	static @Nullable YearMonth month(String partition) {
		Matcher m = PARTITION.matcher(partition);
		return m.matches() ? YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
	}

	@Override
	public void write(List<PageView> batch) {
		if (batch.isEmpty()) {
			return;
		}
		prepare(batch.stream().map(v -> YearMonth.from(v.time().atOffset(ZoneOffset.UTC))).distinct().toList());
		byte[] csv = csv(batch);
		try (Connection connection = dataSource.getConnection()) {
			connection.unwrap(PGConnection.class).getCopyAPI()
				.copyIn("copy " + TABLE + " (" + COLUMNS + ") from stdin (format csv)", new ByteArrayInputStream(csv));
		}
		catch (SQLException | IOException e) {
			throw new IllegalStateException("COPY of " + batch.size() + " page views failed ("
					+ e.getClass().getSimpleName() + ")", e);
		}
	}

	/** The batch as CSV: strings quoted (quotes doubled), {@code null} as an unquoted empty field. */
	static byte[] csv(List<PageView> batch) {
		var out = new StringBuilder(batch.size() * 256);
		for (PageView v : batch) {
			out.append(v.time()).append(',');
			quoted(out, v.site().value()).append(',');
			quoted(out, v.domain()).append(',');
			quoted(out, v.path()).append(',');
			quoted(out, v.query()).append(',');
			out.append(v.status()).append(',').append(v.bytes()).append(',');
			quoted(out, v.userAgent()).append(',');
			quoted(out, v.visitorIp()).append(',');
			quoted(out, v.referrerHost()).append('\n');
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static StringBuilder quoted(StringBuilder out, @Nullable String value) {
		if (value == null) {
			return out;
		}
		return out.append('"').append(value.replace("\"", "\"\"")).append('"');
	}

	@Override
	public void prepare(Collection<YearMonth> months) {
		for (YearMonth month : months) {
			if (prepared.contains(month)) {
				continue;
			}
			String from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).format(BOUND);
			String to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).format(BOUND);
			String sql = "create table if not exists " + partition(month) + " partition of " + TABLE
					+ " for values from ('" + from + "') to ('" + to + "')";
			try {
				jdbc.sql(sql).update();
			}
			catch (RuntimeException e) {
				// Another node may have created it between our "if not exists" and the create.
				if (!exists(month)) {
					throw e;
				}
			}
			prepared.add(month);
			log.debug("event=hosting.page-views.partition-ready partition={}", partition(month));
		}
	}

	private boolean exists(YearMonth month) {
		return partitions().contains(month);
	}

	/** The months that have a partition, oldest first. */
	TreeSet<YearMonth> partitions() {
		var months = new TreeSet<YearMonth>();
		jdbc.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
				+ "where i.inhparent = to_regclass('" + TABLE + "')")
			.query(String.class)
			.list()
			.forEach(name -> {
				YearMonth month = month(name);
				if (month != null) {
					months.add(month);
				}
			});
		return months;
	}

	@Override
	public Expiry expire(Instant cutoff, boolean dryRun) {
		var expired = new LinkedHashMap<String, Long>();
		long rows = 0;
		for (YearMonth month : partitions()) {
			Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
			if (end.isAfter(cutoff)) {
				break; // this month has rows within the period (or may get them): it stays, as do later ones
			}
			String name = partition(month);
			long count = jdbc.sql("select count(*) from " + name).query(Long.class).single();
			if (!dryRun) {
				jdbc.sql("drop table " + name).update();
				prepared.remove(month);
			}
			expired.put(name, count);
			rows += count;
		}
		return new Expiry(expired, rows);
	}

	@Override
	public Map<String, String> personalColumns(String category) {
		var columns = personal(TABLE, category);
		partitions().forEach(month -> columns.putAll(personal(partition(month), category)));
		return columns;
	}
}
