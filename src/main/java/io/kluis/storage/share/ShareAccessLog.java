package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's record of what happened to each link: who (a truncated network, never a full
 * address) and when. Kept for the register's {@code storage-share-log} period, also after the
 * link itself is gone.
 */
@Repository
class ShareAccessLog {

	private final JdbcClient jdbc;

	ShareAccessLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** In its own transaction, so a failed password attempt is recorded even when the request fails. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(ShareLink link, ShareEvent event, Instant at, String network) {
		jdbc.sql("insert into storage_share_access (share_id, account_id, at, event, network) values (?, ?, ?, ?, ?)")
			.params(link.id(), link.account().value(), Timestamp.from(at), event.name(), network)
			.update();
	}

	/** The same log for a share to a customer; the recipient is the share's, so the entry needs no account of its own. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(PeerShare share, ShareEvent event, Instant at, String network) {
		jdbc.sql("insert into storage_share_access (share_id, account_id, at, event, network) values (?, ?, ?, ?, ?)")
			.params(share.id(), share.owner().value(), Timestamp.from(at), event.name(), network)
			.update();
	}

	/**
	 * A recipient's erasure: the owner's log keeps when their shares to the recipient were opened and
	 * downloaded, but no longer from which network (the recipient's data).
	 */
	int forgetRecipientNetworks(AccountId recipient) {
		return jdbc.sql("update storage_share_access set network = 'erased' where event in ('ACCESSED', 'DOWNLOADED') "
				+ "and share_id in (select id from storage_peer_shares where recipient_id = ?)")
			.param(recipient.value())
			.update();
	}

	List<ShareAccessEntry> of(UUID share) {
		return jdbc.sql("select share_id, at, event, network from storage_share_access where share_id = ? order by at, id")
			.param(share)
			.query((rs, i) -> new ShareAccessEntry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
					ShareEvent.valueOf(rs.getString(3)), rs.getString(4)))
			.list();
	}

	List<ShareAccessEntry> of(AccountId account) {
		return jdbc.sql("select share_id, at, event, network from storage_share_access where account_id = ? order by at, id")
			.param(account.value())
			.query((rs, i) -> new ShareAccessEntry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
					ShareEvent.valueOf(rs.getString(3)), rs.getString(4)))
			.list();
	}

	int deleteOf(AccountId account) {
		return jdbc.sql("delete from storage_share_access where account_id = ?").param(account.value()).update();
	}

	int countBefore(Instant cutoff) {
		return jdbc.sql("select count(*) from storage_share_access where at < ?").param(Timestamp.from(cutoff))
			.query(Integer.class)
			.single();
	}

	int deleteBefore(Instant cutoff) {
		return jdbc.sql("delete from storage_share_access where at < ?").param(Timestamp.from(cutoff)).update();
	}
}
