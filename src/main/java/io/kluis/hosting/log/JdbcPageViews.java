package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What both stores do the same way: erasure and summaries by site (plain SQL on the parent table). */
abstract class JdbcPageViews implements PageViewStore {

	/** The columns in the order COPY and the inserts write them. */
	static final String COLUMNS = "viewed_at, site_id, domain, path, query, status, bytes, user_agent, visitor_ip, "
			+ "referrer_host";

	/** Columns that hold or may hold the visitor's personal data. */
	static final List<String> PERSONAL = List.of("visitor_ip", "user_agent", "path", "query");

	final JdbcClient jdbc;

	JdbcPageViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int eraseSites(Collection<SiteId> sites) {
		if (sites.isEmpty()) {
			return 0;
		}
		return jdbc.sql("delete from " + TABLE + " where site_id in (:sites)").param("sites", ids(sites)).update();
	}

	@Override
	public List<SiteSummary> summaries(Collection<SiteId> sites) {
		if (sites.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select site_id, count(*), min(viewed_at), max(viewed_at) from " + TABLE
				+ " where site_id in (:sites) group by site_id order by site_id")
			.param("sites", ids(sites))
			.query((rs, i) -> new SiteSummary(SiteId.of(rs.getString(1)), rs.getLong(2),
					rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
					rs.getObject(4, java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	static Map<String, String> personal(String table, String category) {
		var columns = new TreeMap<String, String>();
		PERSONAL.forEach(c -> columns.put(table + "." + c, category));
		return columns;
	}

	private static List<String> ids(Collection<SiteId> sites) {
		return sites.stream().map(SiteId::value).distinct().toList();
	}

	static Timestamp timestamp(java.time.Instant instant) {
		return Timestamp.from(instant);
	}
}
