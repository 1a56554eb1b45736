package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Share links and their access logs as personal data of the owner, for the privacy holder: export
 * (never the token hash or the password hash: they are secrets, not information about the owner),
 * erasure, and retention (links 30 days after they ended, logs a year after each entry).
 */
@Component
public class ShareRecords {

	private final ShareLinks links;

	private final ShareAccessLog log;

	private final SharedNodes shared;

	private final TransactionTemplate transactions;

	ShareRecords(ShareLinks links, ShareAccessLog log, SharedNodes shared, TransactionTemplate transactions) {
		this.links = links;
		this.log = log;
		this.shared = shared;
		this.transactions = transactions;
	}

	public List<Map<String, Object>> exportLinks(AccountId account) {
		return links.of(account).stream().map(link -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("id", link.id().toString());
			record.put("path", String.join("/", shared.path(link.node())));
			record.put("folder", link.folder());
			record.put("encrypted", link.encrypted());
			record.put("created", link.createdAt().toString());
			record.put("expires", link.expiresAt() == null ? "" : link.expiresAt().toString());
			record.put("password", link.passwordProtected());
			record.put("downloadLimit", link.downloadLimit() == null ? "" : link.downloadLimit());
			record.put("downloads", link.downloads());
			record.put("revoked", link.revokedAt() == null ? "" : link.revokedAt().toString());
			return record;
		}).toList();
	}

	public List<Map<String, Object>> exportLog(AccountId account) {
		return log.of(account).stream().map(e -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("share", e.share().toString());
			record.put("at", e.at().toString());
			record.put("event", e.event().name().toLowerCase(Locale.ROOT));
			record.put("network", e.network());
			return record;
		}).toList();
	}

	/** Deletes the account's links (they stop working at once) and returns how many. */
	public int eraseLinks(AccountId account) {
		Integer count = transactions.execute(tx -> links.deleteOf(account));
		return count == null ? 0 : count;
	}

	public int eraseLog(AccountId account) {
		return log.deleteOf(account);
	}

	/** Links that ended (revoked, used up or expired) before the cutoff. */
	public int expireLinks(Instant cutoff, boolean dryRun) {
		var ended = links.endedBefore(cutoff);
		if (!dryRun) {
			ended.forEach(links::delete);
		}
		return ended.size();
	}

	public int expireLog(Instant cutoff, boolean dryRun) {
		return dryRun ? log.countBefore(cutoff) : log.deleteBefore(cutoff);
	}
}
