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

/** The rows of shares to other customers and of the files a vault share may serve. */
@Repository
class PeerShares {

	private static final String COLUMNS = "id, account_id, recipient_id, space_id, node_id, folder, encrypted, created_at, revoked_at";

	/** The encrypted manifest and the manifest key wrapped for the recipient: opaque bytes. */
	record Sealed(byte[] manifest, byte[] wrappedKey) {

		@Override
		public String toString() {
			return "Sealed[]";
		}
	}

	private final JdbcClient jdbc;

	PeerShares(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(PeerShare share, byte @Nullable [] manifest, byte @Nullable [] wrappedKey) {
		jdbc.sql("insert into storage_peer_shares (id, account_id, recipient_id, space_id, node_id, folder, encrypted, "
				+ "created_at, manifest, wrapped_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(share.id(), share.owner().value(), share.recipient().value(), share.space(), share.node(),
					share.folder(), share.encrypted(), Timestamp.from(share.createdAt()), manifest, wrappedKey)
			.update();
	}

	void insertFile(UUID share, int ordinal, UUID node) {
		jdbc.sql("insert into storage_peer_share_files (share_id, ordinal, node_id) values (?, ?, ?)")
			.params(share, ordinal, node)
			.update();
	}

	Optional<PeerShare> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from storage_peer_shares where id = ?").param(id).query(PeerShares::map)
			.optional();
	}

	List<PeerShare> byOwner(AccountId owner) {
		return jdbc.sql("select " + COLUMNS + " from storage_peer_shares where account_id = ? order by created_at desc, id")
			.param(owner.value())
			.query(PeerShares::map)
			.list();
	}

	List<PeerShare> toRecipient(AccountId recipient) {
		return jdbc.sql("select " + COLUMNS + " from storage_peer_shares where recipient_id = ? "
				+ "order by created_at desc, id")
			.param(recipient.value())
			.query(PeerShares::map)
			.list();
	}

	Optional<UUID> file(UUID share, int ordinal) {
		return jdbc.sql("select node_id from storage_peer_share_files where share_id = ? and ordinal = ?")
			.params(share, ordinal)
			.query(UUID.class)
			.optional();
	}

	Optional<Sealed> sealed(UUID share) {
		return jdbc.sql("select manifest, wrapped_key from storage_peer_shares where id = ? and manifest is not null "
				+ "and wrapped_key is not null")
			.param(share)
			.query((rs, i) -> new Sealed(rs.getBytes(1), rs.getBytes(2)))
			.optional();
	}

	/** Revokes once; the first revocation's moment stays. */
	boolean revoke(UUID id, AccountId owner, Instant at) {
		return jdbc.sql("update storage_peer_shares set revoked_at = ? where id = ? and account_id = ? and revoked_at is null")
			.params(Timestamp.from(at), id, owner.value())
			.update() == 1;
	}

	int deleteByOwner(AccountId owner) {
		return jdbc.sql("delete from storage_peer_shares where account_id = ?").param(owner.value()).update();
	}

	int deleteToRecipient(AccountId recipient) {
		return jdbc.sql("delete from storage_peer_shares where recipient_id = ?").param(recipient.value()).update();
	}

	List<UUID> revokedBefore(Instant cutoff) {
		return jdbc.sql("select id from storage_peer_shares where revoked_at < ?")
			.param(Timestamp.from(cutoff))
			.query(UUID.class)
			.list();
	}

	void delete(UUID id) {
		jdbc.sql("delete from storage_peer_shares where id = ?").param(id).update();
	}

	private static PeerShare map(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new PeerShare(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				new AccountId(rs.getObject("recipient_id", UUID.class)), rs.getObject("space_id", UUID.class),
				rs.getObject("node_id", UUID.class), rs.getBoolean("folder"), rs.getBoolean("encrypted"),
				rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
	}
}
