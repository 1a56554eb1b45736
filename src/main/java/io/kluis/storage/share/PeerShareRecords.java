package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shares to other customers and sharing key pairs as personal data, for the privacy holder. Export
 * gives the shares a customer made (to whom) and received (from whom), and their public key with its
 * fingerprint — never a manifest, a wrapped key or the wrapped private key (secrets, even if
 * encrypted). Erasure removes the shares a customer made, the shares made to them (and the network
 * their opening and downloading left in the owners' logs), and their key pair.
 */
@Component
public class PeerShareRecords {

	private final PeerShares shares;

	private final SharingKeys keys;

	private final SharedNodes shared;

	private final SharingKeyManagement directory;

	private final ShareAccessLog log;

	private final RecipientLookups lookups;

	private final TransactionTemplate transactions;

	PeerShareRecords(PeerShares shares, SharingKeys keys, SharedNodes shared, SharingKeyManagement directory,
			ShareAccessLog log, RecipientLookups lookups, TransactionTemplate transactions) {
		this.lookups = lookups;
		this.shares = shares;
		this.keys = keys;
		this.shared = shared;
		this.directory = directory;
		this.log = log;
		this.transactions = transactions;
	}

	public List<Map<String, Object>> exportShares(AccountId account) {
		var records = new ArrayList<Map<String, Object>>();
		for (PeerShare share : shares.byOwner(account)) {
			Map<String, Object> record = record("made", share);
			record.put("path", String.join("/", shared.path(share.node())));
			record.put("recipient", directory.emailOf(share.recipient()));
			records.add(record);
		}
		for (PeerShare share : shares.toRecipient(account)) {
			Map<String, Object> record = record("received", share);
			// A vault share's names are in its encrypted manifest; a plain one's name is the owner's file name.
			record.put("name", share.encrypted() ? "" : lastName(share));
			record.put("owner", directory.emailOf(share.owner()));
			records.add(record);
		}
		return records;
	}

	public List<Map<String, Object>> exportKey(AccountId account) {
		return keys.find(account).map(key -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()));
			record.put("fingerprint", key.fingerprint());
			record.put("created", key.createdAt().toString());
			record.put("privateKey", "stored only encrypted with your vault's keys; not included");
			return List.<Map<String, Object>>of(record);
		}).orElse(List.of());
	}

	/** Deletes the shares the account made and the shares to it; returns how many. */
	public int eraseShares(AccountId account) {
		Integer count = transactions.execute(tx -> {
			log.forgetRecipientNetworks(account);
			return shares.deleteByOwner(account) + shares.deleteToRecipient(account);
		});
		return count == null ? 0 : count;
	}

	/** Forgets when the account looked recipients up (the rows hold no address; erasure). */
	public void eraseLookups(AccountId account) {
		lookups.forget(account);
	}

	public int eraseKey(AccountId account) {
		return keys.delete(account);
	}

	/** Shares revoked before the cutoff. */
	public int expireShares(Instant cutoff, boolean dryRun) {
		var revoked = shares.revokedBefore(cutoff);
		if (!dryRun) {
			revoked.forEach(shares::delete);
		}
		return revoked.size();
	}

	private static Map<String, Object> record(String direction, PeerShare share) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("direction", direction);
		record.put("id", share.id().toString());
		record.put("folder", share.folder());
		record.put("encrypted", share.encrypted());
		record.put("created", share.createdAt().toString());
		record.put("revoked", share.revokedAt() == null ? "" : share.revokedAt().toString());
		return record;
	}

	private String lastName(PeerShare share) {
		List<String> path = shared.path(share.node());
		return path.isEmpty() ? "" : path.get(path.size() - 1);
	}
}
