package io.kluis.storage.privacy;

import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.ExportedFile;
import io.kluis.shared.personaldata.PersonalDataHolder;
import io.kluis.storage.dav.DavRecords;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Nodes;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Uploads;
import io.kluis.storage.files.ReadOnlyStorage;
import io.kluis.storage.files.Usage;
import io.kluis.storage.share.PeerShareRecords;
import io.kluis.storage.share.ShareRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Everything storage holds about a customer, by register category: {@code stored-files} (the
 * spaces, files, folders, WebDAV properties and locks, usage) and {@code storage-trash} (deleted
 * items, restorable until the register's period ends).
 *
 * <p>Export gives the records and every file's bytes as stored: plain files as they are, a vault as
 * the Cryptomator vault it is (ciphertext plus its masterkey file, which only the customer's
 * passphrase opens), so the export can be opened elsewhere (RIG-5). Erasure deletes every space
 * and blob outright; nothing is kept (RIG-3). {@code stored-files} has two rules: with the trigger
 * {@code ACCOUNT_CLOSED} it is erased at closure, so that rule's retention finds nothing; with
 * {@code SERVICE_ENDED} the files of a storage plan that ended are erased once the period has passed
 * ({@link EndedPlanFiles}). The trash's retention empties what was deleted before the cutoff.
 *
 * <p>Share links ({@code storage-shares}) and their access logs ({@code storage-share-log}, who
 * opened a link when, networks truncated) are the owner's data too: exported without the token
 * hash or password hash, erased with the account, and expired by the register (a link 30 days after
 * it ended, a log entry a year after it was written). Restriction (RIG-4) needs no step here: a
 * restricted owner's links stop working while the restriction lasts (serving them is processing),
 * and work again when it is lifted, because {@code ShareLinkAccess} asks on every request.
 *
 * <p>Shares to other customers ({@code storage-peer-shares}) belong to both sides: export lists the
 * shares a customer made (with the recipient's address) and received (with the owner's), erasure
 * of either side removes the share (and, for a recipient, the network their use left in the
 * owner's log), and a revoked share goes 30 days later. The sharing key pair
 * ({@code storage-sharing-keys}) is exported as public key and fingerprint only and erased with
 * the account.
 */
@Component
class StorageDataHolder implements PersonalDataHolder {

	static final String FILES = "stored-files";

	static final String TRASH = "storage-trash";

	static final String SHARES = "storage-shares";

	static final String SHARE_LOG = "storage-share-log";

	static final String PEER_SHARES = "storage-peer-shares";

	static final String SHARING_KEYS = "storage-sharing-keys";

	private final Spaces spaces;

	private final FileTree tree;

	private final Nodes nodes;

	private final Usage usage;

	private final DavRecords dav;

	private final Uploads uploads;

	private final ShareRecords shares;

	private final PeerShareRecords peerShares;

	private final ReadOnlyStorage readOnly;

	private final EndedPlanFiles endedPlans;

	StorageDataHolder(Spaces spaces, FileTree tree, Nodes nodes, Usage usage, Uploads uploads, ShareRecords shares,
			PeerShareRecords peerShares, DavRecords dav, ReadOnlyStorage readOnly, EndedPlanFiles endedPlans) {
		this.readOnly = readOnly;
		this.endedPlans = endedPlans;
		this.dav = dav;
		this.uploads = uploads;
		this.shares = shares;
		this.peerShares = peerShares;
		this.spaces = spaces;
		this.tree = tree;
		this.nodes = nodes;
		this.usage = usage;
	}

	@Override
	public String module() {
		return "storage";
	}

	@Override
	public String id() {
		return "storage.files";
	}

	@Override
	public Set<String> categories() {
		return Set.of(FILES, TRASH, SHARES, SHARE_LOG, PEER_SHARES, SHARING_KEYS);
	}

	@Override
	public Map<String, String> personalColumns() {
		return Map.ofEntries(Map.entry("storage_uploads.account_id", FILES),
				Map.entry("storage_uploads.path", FILES),
				Map.entry("storage_spaces.account_id", FILES),
				Map.entry("storage_usage.account_id", FILES),
				Map.entry("storage_read_only.account_id", FILES),
				Map.entry("storage_locks.account_id", FILES),
				Map.entry("storage_locks.owner_xml", FILES),
				Map.entry("storage_nodes.name", FILES),
				Map.entry("storage_properties.value_xml", FILES),
				Map.entry("storage_nodes.trashed_name", TRASH),
				Map.entry("storage_uploads.path_sealed", FILES),
				Map.entry("storage_uploads.tail_sealed", FILES),
				Map.entry("storage_locks.path_sealed", FILES),
				Map.entry("storage_locks.owner_sealed", FILES),
				Map.entry("storage_nodes.name_sealed", FILES),
				Map.entry("storage_nodes.small_content", FILES),
				Map.entry("storage_properties.value_sealed", FILES),
				Map.entry("storage_nodes.trashed_name_sealed", TRASH),
				Map.entry("storage_shares.account_id", SHARES),
				Map.entry("storage_share_access.account_id", SHARE_LOG),
				Map.entry("storage_share_access.network", SHARE_LOG),
				Map.entry("storage_peer_shares.account_id", PEER_SHARES),
				Map.entry("storage_peer_shares.recipient_id", PEER_SHARES),
				Map.entry("storage_recipient_lookups.account_id", PEER_SHARES),
				Map.entry("storage_sharing_keys.account_id", SHARING_KEYS),
				Map.entry("storage_sharing_keys.public_key", SHARING_KEYS),
				Map.entry("storage_sharing_keys.wrapped_private_key", SHARING_KEYS));
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		var files = new ArrayList<Map<String, Object>>();
		var fileContents = new ArrayList<ExportedFile>();
		var trash = new ArrayList<Map<String, Object>>();
		var trashContents = new ArrayList<ExportedFile>();
		for (Space space : spaces.existing(subject.account())) {
			Map<String, Object> spaceRecord = new LinkedHashMap<>();
			spaceRecord.put("kind", "space");
			spaceRecord.put("space", space.name());
			spaceRecord.put("spaceKind", space.kind().name());
			spaceRecord.put("created", space.createdAt().toString());
			files.add(spaceRecord);
			Node root = tree.resolve(space, io.kluis.storage.files.FilePath.ROOT).orElseThrow();
			walk(space, root, "files/" + space.name(), files, fileContents, null);
			for (Node item : tree.children(tree.trash(space))) {
				var trashed = nodes.trashed(item.id()).orElseThrow();
				walk(space, item, "trash/" + space.name() + "/" + item.id() + "/" + trashed.name(), trash, trashContents,
						trashed.at());
			}
		}
		for (var upload : uploads.list(subject.account())) {
			files.add(Map.of("kind", "upload-in-progress", "path", upload.path().joined(), "length", upload.length(),
					"received", upload.received(), "started", upload.createdAt().toString()));
		}
		files.addAll(dav.exportProperties(subject.account()));
		files.addAll(dav.exportLocks(subject.account()));
		var figures = usage.of(subject.account());
		files.add(Map.of("kind", "usage", "usedBytes", figures.used(), "quotaBytes", figures.quota()));
		for (var reason : readOnly.reasons(subject.account())) {
			files.add(Map.of("kind", "read-only", "reason", reason.name()));
		}
		var nodeColumns = List.of("kind", "space", "path", "size", "contentType", "created", "modified");
		var trashColumns = new ArrayList<>(nodeColumns);
		trashColumns.add("deleted");
		return List.of(new ExportedCategory(FILES, nodeColumns, files, fileContents),
				new ExportedCategory(TRASH, trashColumns, trash, trashContents),
				ExportedCategory.of(SHARES, List.of("id", "path", "folder", "encrypted", "created", "expires", "password",
						"downloadLimit", "downloads", "revoked"), shares.exportLinks(subject.account())),
				ExportedCategory.of(SHARE_LOG, List.of("share", "at", "event", "network"),
						shares.exportLog(subject.account())),
				ExportedCategory.of(PEER_SHARES, List.of("direction", "id", "folder", "encrypted", "created", "revoked",
						"path", "recipient", "name", "owner"), peerShares.exportShares(subject.account())),
				ExportedCategory.of(SHARING_KEYS, List.of("publicKey", "fingerprint", "created", "privateKey"),
						peerShares.exportKey(subject.account())));
	}

	private void walk(Space space, Node top, String topPath, List<Map<String, Object>> records,
			List<ExportedFile> contents, Instant trashedAt) {
		Map<UUID, String> paths = new HashMap<>();
		for (Node node : nodes.subtree(top.id())) {
			String path = node.id().equals(top.id()) ? topPath : paths.get(node.parent()) + "/" + node.name();
			paths.put(node.id(), path);
			if (node.parent() == null) {
				continue;
			}
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("kind", node.collection() ? "folder" : "file");
			record.put("space", space.name());
			record.put("path", path);
			record.put("size", node.size());
			if (node.contentType() != null) {
				record.put("contentType", node.contentType());
			}
			record.put("created", node.createdAt().toString());
			record.put("modified", node.modifiedAt().toString());
			if (trashedAt != null) {
				record.put("deleted", trashedAt.toString());
			}
			records.add(record);
			if (!node.collection()) {
				contents.add(new ExportedFile(path, node.size(), () -> tree.open(node, 0, node.size())));
			}
		}
	}

	@Override
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		uploads.abortAll(subject.account());
		int links = shares.eraseLinks(subject.account());
		int peer = peerShares.eraseShares(subject.account());
		int log = shares.eraseLog(subject.account());
		int key = peerShares.eraseKey(subject.account());
		int live = 0;
		int trashed = 0;
		for (Space space : spaces.existing(subject.account())) {
			var erased = tree.eraseSpace(space);
			live += erased.live();
			trashed += erased.trashed();
		}
		dav.eraseLocks(subject.account());
		peerShares.eraseLookups(subject.account());
		usage.forget(subject.account());
		readOnly.forget(subject.account());
		var removed = new LinkedHashMap<String, Integer>();
		removed.put(FILES, live);
		removed.put(TRASH, trashed);
		removed.put(SHARES, links);
		removed.put(SHARE_LOG, log);
		removed.put(PEER_SHARES, peer);
		removed.put(SHARING_KEYS, key);
		return new Erased(removed, Map.of());
	}

	/** The trigger of the rule that erases an ended plan's files ({@link EndedPlanFiles}). */
	static final String SERVICE_ENDED = "service_ended";

	@Override
	public int applyRetention(String category, String trigger, Instant cutoff, boolean dryRun) {
		if (FILES.equals(category) && SERVICE_ENDED.equals(trigger)) {
			return endedPlans.apply(cutoff, dryRun);
		}
		return applyRetention(category, cutoff, dryRun);
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		switch (category) {
			case TRASH:
				return emptyTrash(cutoff, dryRun);
			case SHARES:
				return shares.expireLinks(cutoff, dryRun);
			case SHARE_LOG:
				return shares.expireLog(cutoff, dryRun);
			case PEER_SHARES:
				return peerShares.expireShares(cutoff, dryRun);
			case SHARING_KEYS:
				// Trigger ACCOUNT_CLOSED: the key pair goes with the account (or with its vault space).
				return 0;
			case FILES:
				// Trigger ACCOUNT_CLOSED: a closed account's spaces are erased at closure.
				return 0;
			default:
				throw new IllegalArgumentException("storage holds no category '" + category + "'");
		}
	}

	private int emptyTrash(Instant cutoff, boolean dryRun) {
		List<UUID> spaceIds = nodes.spacesWithTrashedBefore(cutoff);
		int count = 0;
		for (UUID id : spaceIds) {
			Space space = spaces.find(id).orElse(null);
			if (space == null) {
				continue;
			}
			for (Node item : tree.trashedBefore(space, cutoff)) {
				count++;
				if (!dryRun) {
					tree.purge(space, item);
				}
			}
		}
		return count;
	}
}
