package io.kluis.storage.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.ExportedFile;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Usage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Storage behind the privacy SPI: the export holds every file, erasure leaves no blob and no row. */
@KluisIntegrationTest
class StorageDataHolderIntegrationTests {

	@Autowired
	StorageDataHolder holder;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	Usage usage;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kluis.storage.share.ShareLinkManagement shareLinks;

	@Autowired
	Clock clock;

	@Value("${kluis.data-dir}")
	Path dataDir;

	@Autowired
	io.kluis.storage.share.PeerShareManagement peerShares;

	@Autowired
	io.kluis.storage.share.PeerShareAccess peerAccess;

	@Autowired
	io.kluis.storage.share.SharingKeyManagement sharingKeys;

	@Autowired
	io.kluis.identity.account.CustomerRegistration registration;

	@Autowired
	io.kluis.identity.account.Accounts accounts;

	@Autowired
	io.kluis.identity.account.StaffAdministration staff;

	@Test
	@DisplayName("STO-2, RIG-1, RIG-3, RET-2: shares to customers are exported on both sides without manifests or keys; erasing a recipient removes the shares to them, their network from the owner's log and their key pair; erasing an owner removes the shares they made; revoked shares expire")
	void peerShares() {
		var testAccounts = new io.kluis.identity.TestAccounts(registration, accounts, staff, clock);
		var owner = testAccounts.verified();
		var recipient = testAccounts.verified();
		var other = testAccounts.verified();
		byte[] wrapped = new byte[166];
		new java.util.Random(3).nextBytes(wrapped);
		for (var account : List.of(recipient, other)) {
			spaces.create(account.id(), "sleutelkluis", SpaceKind.VAULT);
			sharingKeys.publish(account.id(), "sleutelkluis", io.kluis.storage.share.SharingKeyFixtures.point(), wrapped);
		}
		Space files = spaces.create(owner.id(), "files", SpaceKind.PLAIN);
		write(files, "offer.txt", "dear customer");
		var toRecipient = peerShares.create(owner.id(), new io.kluis.storage.share.PeerShareManagement.NewPeerShare("files",
				"offer.txt", recipient.email(), null, null, null, null), "203.0.113.45");
		var toOther = peerShares.create(owner.id(), new io.kluis.storage.share.PeerShareManagement.NewPeerShare("files",
				"offer.txt", other.email(), null, null, null, null), "203.0.113.45");
		peerAccess.recordAccess(peerAccess.open(recipient.id(), toRecipient.share().id()).orElseThrow(), "198.51.100.7");

		var ownerExport = category(holder.export(DataSubject.of(owner.id())), "storage-peer-shares").records();
		assertThat(ownerExport).extracting(r -> r.get("recipient")).containsExactlyInAnyOrder(recipient.email(), other.email());
		assertThat(ownerExport).allSatisfy(r -> assertThat(r).containsEntry("direction", "made").containsEntry("path", "offer.txt"));
		var recipientExport = holder.export(DataSubject.of(recipient.id()));
		assertThat(category(recipientExport, "storage-peer-shares").records()).singleElement().satisfies(r -> assertThat(r)
			.containsEntry("direction", "received").containsEntry("owner", owner.email()).containsEntry("name", "offer.txt"));
		assertThat(category(recipientExport, "storage-sharing-keys").records()).singleElement()
			.satisfies(r -> assertThat(r).containsKey("fingerprint").containsKey("publicKey"));
		assertThat(recipientExport.toString() + category(recipientExport, "storage-sharing-keys").records())
			.doesNotContain(java.util.Base64.getEncoder().encodeToString(wrapped));

		holder.erase(DataSubject.of(recipient.id()));
		assertThat(peerAccess.sharedWith(recipient.id())).isEmpty();
		assertThat(sharingKeys.mine(recipient.id())).isEmpty();
		assertThat(peerShares.list(owner.id())).extracting(l -> l.share().id()).containsExactly(toOther.share().id());
		assertThat(jdbc.sql("select network from storage_share_access where share_id = ? and event = 'ACCESSED'")
			.param(toRecipient.share().id()).query(String.class).list()).containsExactly("erased");
		assertThat(peerAccess.sharedWith(other.id())).hasSize(1);

		holder.erase(DataSubject.of(owner.id()));
		assertThat(peerAccess.sharedWith(other.id())).isEmpty();
		assertThat(jdbc.sql("select count(*) from storage_peer_shares where account_id = ? or recipient_id = ?")
			.params(owner.id().value(), recipient.id().value()).query(Integer.class).single()).isZero();

		var third = testAccounts.verified();
		Space more = spaces.create(third.id(), "more", SpaceKind.PLAIN);
		write(more, "a.txt", "a");
		var revoked = peerShares.create(third.id(), new io.kluis.storage.share.PeerShareManagement.NewPeerShare("more",
				"a.txt", other.email(), null, null, null, null), "203.0.113.45");
		peerShares.revoke(third.id(), revoked.share().id(), "203.0.113.45");
		assertThat(holder.applyRetention("storage-peer-shares", clock.instant().plusSeconds(1), true)).isPositive();
		assertThat(holder.applyRetention("storage-sharing-keys", clock.instant(), false)).isZero();
	}

	@Test
	@DisplayName("STO-2, RIG-1, RIG-3, RET-2: share links and their access log are exported (without token or password hashes), erased with the account, and expired by the register's periods")
	void shareLinks() {
		AccountId account = AccountId.random();
		Space files = spaces.create(account, "files", SpaceKind.PLAIN);
		write(files, "offer.txt", "dear customer");
		var created = shareLinks.create(account, new io.kluis.storage.share.ShareLinkManagement.NewShare("files",
				"offer.txt", null, "zeven zeeën", 3, null, null), "203.0.113.45");
		shareLinks.revoke(account, created.link().id(), "2001:db8:abcd:1::9");

		var export = holder.export(DataSubject.of(account));
		assertThat(category(export, "storage-shares").records()).singleElement().satisfies(r -> assertThat(r)
			.containsEntry("path", "offer.txt").containsEntry("password", true).containsEntry("downloadLimit", 3));
		assertThat(category(export, "storage-share-log").records()).extracting(r -> r.get("network"))
			.containsExactly("203.0.113.0/24", "2001:db8:abcd::/48");
		assertThat(export.toString() + category(export, "storage-shares").records()).doesNotContain("argon2", created.token());

		var later = clock.instant().plus(Duration.ofDays(31));
		assertThat(holder.applyRetention("storage-shares", later.minus(Duration.ofDays(30)), true)).isPositive();
		assertThat(holder.applyRetention("storage-share-log", clock.instant().minus(Duration.ofDays(365)), true)).isZero();

		var erased = holder.erase(DataSubject.of(account));
		assertThat(erased.removed()).containsEntry("storage-shares", 1).containsEntry("storage-share-log", 2);
		assertThat(holder.export(DataSubject.of(account))).allSatisfy(c -> {
			if (c.category().startsWith("storage-share")) {
				assertThat(c.records()).isEmpty();
			}
		});
	}

	@Test
	@DisplayName("RIG-1, RIG-5: the export of a customer with files holds every file's bytes, the folders and the trash")
	void exportHoldsTheFiles() throws IOException {
		AccountId account = AccountId.random();
		Space files = spaces.create(account, "files", SpaceKind.PLAIN);
		write(files, "contract.pdf", "signed contract");
		tree.createFolder(files, FilePath.of(List.of("photos")));
		write(files, "photos/beach.jpg", "sand and sea");
		write(spaces.find(account, "vault").orElseThrow(), "masterkey.cryptomator", "{\"scryptSalt\":\"...\"}");
		write(files, "old.txt", "deleted soon");
		tree.delete(files, tree.resolve(files, path("old.txt")).orElseThrow());

		var export = holder.export(DataSubject.of(account));
		ExportedCategory stored = category(export, "stored-files");
		assertThat(contents(stored.files())).containsEntry("files/files/contract.pdf", "signed contract")
			.containsEntry("files/files/photos/beach.jpg", "sand and sea")
			.containsEntry("files/vault/masterkey.cryptomator", "{\"scryptSalt\":\"...\"}")
			.doesNotContainKey("files/files/old.txt");
		assertThat(stored.records()).anySatisfy(r -> assertThat(r).containsEntry("kind", "folder")
			.containsEntry("path", "files/files/photos"));
		ExportedCategory trash = category(export, "storage-trash");
		assertThat(contents(trash.files()).values()).containsExactly("deleted soon");
	}

	@Test
	@DisplayName("RIG-3, RET-5: erasure removes every space, row and blob of the customer and nothing of another")
	void erasureRemovesEveryBlob() throws IOException {
		AccountId account = AccountId.random();
		Space files = spaces.create(account, "files", SpaceKind.PLAIN);
		write(files, "a.txt", "alpha");
		write(files, "b.txt", "bravo");
		// larger than the small-file limit: a blob-store object, not a database row
		write(files, "large.txt", "large ".repeat(20_000));
		tree.delete(files, tree.resolve(files, path("b.txt")).orElseThrow());
		write(spaces.find(account, "vault").orElseThrow(), "d/AB/CDEF/x.c9r", null);
		AccountId other = AccountId.random();
		Space kept = spaces.create(other, "files", SpaceKind.PLAIN);
		write(kept, "keep.txt", "not yours");
		List<String> blobs = jdbc.sql("select n.blob from storage_nodes n join storage_spaces s on s.id = n.space_id "
				+ "where s.account_id = ? and n.blob is not null").param(account.value()).query(String.class).list();
		assertThat(blobs).hasSize(4);
		assertThat(blobs).allSatisfy(blob -> assertThat(tree.contentsExist(blob)).isTrue());

		var erased = holder.erase(DataSubject.of(account));

		assertThat(erased.removed()).as("a.txt, large.txt; d, AB, CDEF, x.c9r").containsEntry("stored-files", 6).containsEntry("storage-trash", 1);
		assertThat(jdbc.sql("select count(*) from storage_spaces where account_id = ?").param(account.value())
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from storage_usage where account_id = ?").param(account.value())
			.query(Integer.class).single()).isZero();
		for (String blob : blobs) {
			assertThat(tree.contentsExist(blob)).as("contents, in the blob store or the database").isFalse();
		}
		assertThat(read(kept, "keep.txt")).isEqualTo("not yours");
	}

	@Test
	@DisplayName("RET-2: the trash is emptied once the register's period has passed, and the dry run predicts it")
	void trashRetention() {
		AccountId account = AccountId.random();
		Space files = spaces.create(account, "files", SpaceKind.PLAIN);
		write(files, "gone.txt", "x");
		tree.delete(files, tree.resolve(files, path("gone.txt")).orElseThrow());
		long before = usage.of(account).used();
		var later = clock.instant().plus(Duration.ofDays(1));

		int predicted = holder.applyRetention("storage-trash", later, true);
		assertThat(tree.children(tree.trash(files))).hasSize(1);
		int removed = holder.applyRetention("storage-trash", later, false);

		assertThat(removed).isEqualTo(predicted).isGreaterThanOrEqualTo(1);
		assertThat(tree.children(tree.trash(files))).isEmpty();
		assertThat(usage.of(account).used()).isEqualTo(before - 1);
	}

	private void write(Space space, String path, String content) {
		FilePath file = path(path);
		for (int i = 1; i < file.names().size(); i++) {
			FilePath folder = FilePath.of(file.names().subList(0, i));
			if (tree.resolve(space, folder).isEmpty()) {
				tree.createFolder(space, folder);
			}
		}
		byte[] bytes = (content == null ? "ciphertext" : content).getBytes(StandardCharsets.UTF_8);
		tree.write(space, file, new ByteArrayInputStream(bytes), bytes.length, null, FileTree.Precondition.NONE);
	}

	private String read(Space space, String path) throws IOException {
		var node = tree.resolve(space, path(path)).orElseThrow();
		try (InputStream in = tree.open(node, 0, node.size())) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static FilePath path(String path) {
		return FilePath.of(List.of(path.split("/")));
	}

	private static ExportedCategory category(List<ExportedCategory> export, String id) {
		return export.stream().filter(c -> c.category().equals(id)).findFirst().orElseThrow();
	}

	private static Map<String, String> contents(List<ExportedFile> files) throws IOException {
		var map = new java.util.LinkedHashMap<String, String>();
		for (ExportedFile file : files) {
			try (InputStream in = file.content().open()) {
				map.put(file.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return map;
	}
}
