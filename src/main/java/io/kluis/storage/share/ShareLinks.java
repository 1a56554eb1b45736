package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of share links and of the files a vault share may serve. */
@Repository
class ShareLinks {

	private static final String COLUMNS = "id, account_id, space_id, node_id, folder, encrypted, created_at, expires_at, "
			+ "password_hash, password_failures, password_blocked_to, download_limit, downloads, exhausted_at, revoked_at";

	private final JdbcClient jdbc;

	ShareLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ShareLink link, byte[] tokenHash, byte @Nullable [] manifest) {
		jdbc.sql("insert into storage_shares (id, account_id, space_id, node_id, token_hash, folder, encrypted, created_at, "
				+ "expires_at, password_hash, password_failures, download_limit, downloads, manifest) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?)")
			.params(link.id(), link.account().value(), link.space(), link.node(), tokenHash, link.folder(),
					link.encrypted(), Timestamp.from(link.createdAt()), timestamp(link.expiresAt()), link.passwordHash(),
					link.downloadLimit(), manifest)
			.update();
	}

	void insertFile(UUID share, int ordinal, UUID node) {
		jdbc.sql("insert into storage_share_files (share_id, ordinal, node_id) values (?, ?, ?)")
			.params(share, ordinal, node)
			.update();
	}

	Optional<ShareLink> byTokenHash(byte[] hash) {
		return jdbc.sql("select " + COLUMNS + " from storage_shares where token_hash = ?")
			.param(hash)
			.query(ShareLinks::map)
			.optional();
	}

	Optional<ShareLink> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from storage_shares where id = ?").param(id).query(ShareLinks::map)
			.optional();
	}

	List<ShareLink> of(AccountId account) {
		return jdbc.sql("select " + COLUMNS + " from storage_shares where account_id = ? order by created_at desc")
			.param(account.value())
			.query(ShareLinks::map)
			.list();
	}

	Optional<UUID> file(UUID share, int ordinal) {
		return jdbc.sql("select node_id from storage_share_files where share_id = ? and ordinal = ?")
			.params(share, ordinal)
			.query(UUID.class)
			.optional();
	}

	int fileCount(UUID share) {
		return jdbc.sql("select count(*) from storage_share_files where share_id = ?").param(share).query(Integer.class)
			.single();
	}

	Optional<byte[]> manifest(UUID share) {
		return jdbc.sql("select manifest from storage_shares where id = ? and manifest is not null")
			.param(share)
			.query((rs, i) -> rs.getBytes(1))
			.optional();
	}

	/** Revokes once; the first revocation's moment stays. */
	boolean revoke(UUID id, AccountId account, Instant at) {
		return jdbc.sql("update storage_shares set revoked_at = ? where id = ? and account_id = ? and revoked_at is null")
			.params(Timestamp.from(at), id, account.value())
			.update() == 1;
	}

	/**
	 * Counts one download, atomically: refused (false) once the limit is reached, so two recipients
	 * racing for the last download cannot both get it. The download that reaches the limit marks the
	 * link exhausted.
	 */
	boolean countDownload(UUID id, Instant at) {
		boolean counted = jdbc.sql("update storage_shares set downloads = downloads + 1 where id = ? and revoked_at is null "
				+ "and (download_limit is null or downloads < download_limit)")
			.param(id)
			.update() == 1;
		if (counted) {
			jdbc.sql("update storage_shares set exhausted_at = ? where id = ? and download_limit is not null "
					+ "and downloads >= download_limit and exhausted_at is null")
				.params(Timestamp.from(at), id)
				.update();
		}
		return counted;
	}

	int deleteOf(AccountId account) {
		return jdbc.sql("delete from storage_shares where account_id = ?").param(account.value()).update();
	}

	/** Links that ended (revoked, exhausted or expired) before the cutoff. */
	List<UUID> endedBefore(Instant cutoff) {
		Timestamp at = Timestamp.from(cutoff);
		return jdbc.sql("select id from storage_shares where revoked_at < ? or exhausted_at < ? or expires_at < ?")
			.params(at, at, at)
			.query(UUID.class)
			.list();
	}

	void delete(UUID id) {
		jdbc.sql("delete from storage_shares where id = ?").param(id).update();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	static ShareLink map(ResultSet rs, int row) throws SQLException {
		int limit = rs.getInt("download_limit");
		Integer downloadLimit = rs.wasNull() ? null : limit;
		return new ShareLink(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getObject("space_id", UUID.class), rs.getObject("node_id", UUID.class), rs.getBoolean("folder"),
				rs.getBoolean("encrypted"), rs.getTimestamp("created_at").toInstant(), instant(rs, "expires_at"),
				rs.getString("password_hash"), rs.getInt("password_failures"), instant(rs, "password_blocked_to"),
				downloadLimit, rs.getInt("downloads"), instant(rs, "exhausted_at"), instant(rs, "revoked_at"));
	}
}
