package io.kluis.privacy.policy;

import io.kluis.privacy.register.Text;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The published register versions in {@code privacy_register_versions}. */
@Repository
public class RegisterVersions {

	private final JdbcClient jdbc;

	RegisterVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<RegisterVersion> latest() {
		return jdbc.sql("select * from privacy_register_versions order by version_number desc fetch first 1 rows only")
			.query(RegisterVersions::map)
			.optional();
	}

	public Optional<RegisterVersion> find(int number) {
		return jdbc.sql("select * from privacy_register_versions where version_number = ?")
			.param(number)
			.query(RegisterVersions::map)
			.optional();
	}

	/** The newest version with this content: on a shared database other nodes may have published since. */
	public Optional<RegisterVersion> latestWithHash(String hash) {
		return jdbc.sql("select * from privacy_register_versions where content_hash = ? "
				+ "order by version_number desc fetch first 1 rows only")
			.param(hash)
			.query(RegisterVersions::map)
			.optional();
	}

	/** Oldest first. */
	public List<RegisterVersion> all() {
		return jdbc.sql("select * from privacy_register_versions order by version_number").query(RegisterVersions::map).list();
	}

	/** The number of the newest published version, on any node; 0 before the first. */
	public int newestNumber() {
		return jdbc.sql("select coalesce(max(version_number), 0) from privacy_register_versions")
			.query(Integer.class)
			.single();
	}

	/**
	 * The number of the newest significant version after the first (the first changed nothing
	 * anyone had agreed to, so it is never announced); 0 when there is none.
	 */
	public int latestSignificantNumber() {
		return jdbc.sql("select coalesce(max(version_number), 0) from privacy_register_versions where significant "
				+ "and version_number > (select min(version_number) from privacy_register_versions)")
			.query(Integer.class)
			.single();
	}

	/** Significant versions after the first whose customers have not all been mailed yet. */
	List<RegisterVersion> unannounced() {
		return jdbc.sql("select * from privacy_register_versions where significant and announced_at is null "
				+ "and version_number > (select min(version_number) from privacy_register_versions) order by version_number")
			.query(RegisterVersions::map)
			.list();
	}

	/**
	 * Stores the version; a {@link org.springframework.dao.DuplicateKeyException} means another
	 * node stored this number first.
	 */
	void insert(RegisterVersion version) {
		jdbc.sql("insert into privacy_register_versions (version_number, published_at, significant, content_hash, "
				+ "content, changes_nl, changes_en) values (?, ?, ?, ?, ?, ?, ?)")
			.params(version.number(), Timestamp.from(version.publishedAt()), version.significant(), version.hash(),
					version.content(), nonNull(version.changes().nl()), nonNull(version.changes().en()))
			.update();
	}

	void markAnnounced(int number, Instant at) {
		jdbc.sql("update privacy_register_versions set announced_at = ? where version_number = ? and announced_at is null")
			.params(Timestamp.from(at), number)
			.update();
	}

	private static String nonNull(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static RegisterVersion map(ResultSet rs, int row) throws SQLException {
		Timestamp announced = rs.getTimestamp("announced_at");
		return new RegisterVersion(rs.getInt("version_number"), rs.getTimestamp("published_at").toInstant(),
				rs.getBoolean("significant"), rs.getString("content_hash"), rs.getString("content"),
				new Text(rs.getString("changes_nl"), rs.getString("changes_en")),
				announced == null ? null : announced.toInstant());
	}
}
