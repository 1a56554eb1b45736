package io.kluis.storage.vault;

import static io.kluis.storage.vault.VaultPage.action;
import static io.kluis.storage.vault.VaultPage.rowPresent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Usage;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cryptomator.cryptofs.CryptoFileSystemProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deleting a vault folder in the panel: in the Cryptomator format a folder's contents live in their
 * own content directory ({@code d/XX/YYYY…}, one per folder of the subtree), apart from the folder's
 * link ({@code name.c9r/dir.c9r}). The page trashes the link and all those directories as one item,
 * so restoring gives back the whole tree (cryptofs agrees) and purging leaves no node, blob or byte
 * of quota behind.
 */
class VaultFolderTrashBrowserTests extends VaultBrowserTestBase {

	static final String PASSPHRASE = "twaalf trage tijgers tellen tenen";

	@Autowired
	Usage usage;

	@Test
	@DisplayName("A vault folder with nested folders and files: delete → its whole subtree leaves the live tree as one trash item → restore → cryptofs and the page see the same tree and bytes → delete and purge → no node, blob or quota of the subtree is left")
	void deleteRestoreAndPurgeANestedFolder(ChromeDriver browser, @TempDir Path work) throws IOException {
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		page.run("""
				const { vault } = await Vault.create(dav, 'vault', args[0], { scryptCost: 1024 });
				await vault.upload('', 'blijft.txt', new File(['dit blijft staan'], 'blijft.txt'));
				""", PASSPHRASE);
		Space vault = spaces.find(customer.id(), Space.DEFAULT_VAULT).orElseThrow();
		long usedBefore = usage.of(customer.id()).used();
		Map<String, Boolean> nodesBefore = nodes(vault);

		page.run("""
				const vault = await Vault.unlock(dav, 'vault', args[0]);
				const projects = await vault.mkdir('', 'Projecten');
				await vault.upload(projects, 'plan.txt', new File(['eerst de fundering'], 'plan.txt'));
				await vault.upload(projects, 'data.bin', new File([bytes(300000, 5)], 'data.bin'));
				await vault.mkdir(projects, 'Leeg');
				const archive = await vault.mkdir(projects, 'Archief');
				await vault.upload(archive, 'oud.txt', new File(['van vroeger'], 'oud.txt'));
				const year = await vault.mkdir(archive, '2023');
				await vault.upload(year, 'jan.bin', new File([bytes(100000, 7)], 'jan.bin'));
				vault.lock();
				""", PASSPHRASE);
		Map<String, Boolean> nodesWithTree = nodes(vault);
		List<String> subtreeBlobs = new ArrayList<>();
		walk(vault).stream().filter(n -> n.blob() != null).map(Node::blob).forEach(subtreeBlobs::add);
		assertThat(usage.of(customer.id()).used()).isGreaterThan(usedBefore + 400_000);
		Set<String> expected = Set.of("/", "/blijft.txt", "/Projecten", "/Projecten/plan.txt", "/Projecten/data.bin",
				"/Projecten/Leeg", "/Projecten/Archief", "/Projecten/Archief/oud.txt", "/Projecten/Archief/2023",
				"/Projecten/Archief/2023/jan.bin");
		assertThat(cryptofsTree(vault, work.resolve("before"))).isEqualTo(new TreeSet<>(expected));

		page.open("/panel/files?lang=en");
		page.unlock(PASSPHRASE);
		await().atMost(Duration.ofSeconds(30)).until(() -> rowPresent(browser, "listing", "Projecten"));

		// Delete: one trash item; no file of the subtree is left in the live tree.
		action(browser, "listing", "Projecten", "delete").click();
		browser.switchTo().alert().accept();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "trash-listing", "Projecten"));
		assertThat(tree.trashItems(vault)).hasSize(1);
		assertThat(files(nodes(vault))).as("the live files are those from before the folder")
			.isEqualTo(files(nodesBefore));
		assertThat(cryptofsTree(vault, work.resolve("deleted"))).containsExactly("/", "/blijft.txt");
		assertThat(usage.of(customer.id()).used()).as("the trash counts until purged").isGreaterThan(usedBefore + 400_000);

		// Restore: the whole tree is back where it was, and decrypts.
		action(browser, "trash-listing", "Projecten", "restore").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "Projecten"));
		assertThat(tree.trashItems(vault)).isEmpty();
		assertThat(nodes(vault)).as("every node back at its path").isEqualTo(nodesWithTree);
		Path restored = work.resolve("restored");
		assertThat(cryptofsTree(vault, restored)).isEqualTo(new TreeSet<>(expected));
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(restored, StoredSpace.cryptofs(restored, PASSPHRASE))) {
			assertThat(Files.readAllBytes(fs.getPath("/Projecten/Archief/2023/jan.bin"))).isEqualTo(VaultPage.bytes(100000, 7));
			assertThat(Files.readString(fs.getPath("/Projecten/Archief/oud.txt"))).isEqualTo("van vroeger");
		}
		Map<String, Object> inPage = page.run("""
				const { app } = await import('/js/storage/files.js');
				const vault = app.store.vault;
				const find = async (dirId, name) => (await vault.list(dirId)).find((e) => e.name === name);
				const projects = await vault.dirIdOf(await find('', 'Projecten'));
				const year = await vault.dirIdOf(await find(await vault.dirIdOf(await find(projects, 'Archief')), '2023'));
				const jan = new Uint8Array(await (await vault.download(await find(year, 'jan.bin'))).arrayBuffer());
				const expected = bytes(100000, 7);
				return { same: jan.length === expected.length && jan.every((b, i) => b === expected[i]),
				         plan: await (await vault.download(await find(projects, 'plan.txt'))).text() };
				""");
		assertThat(inPage).containsEntry("same", true).containsEntry("plan", "eerst de fundering");

		// Delete again and purge: nothing of the subtree is left, and the quota is back.
		action(browser, "listing", "Projecten", "delete").click();
		browser.switchTo().alert().accept();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "trash-listing", "Projecten"));
		action(browser, "trash-listing", "Projecten", "purge").click();
		browser.switchTo().alert().accept();
		await().atMost(Duration.ofSeconds(20)).until(() -> !rowPresent(browser, "trash-listing", "Projecten"));
		assertThat(tree.trashItems(vault)).isEmpty();
		assertThat(tree.children(tree.trash(vault))).as("nothing left in the trash").isEmpty();
		assertThat(usage.of(customer.id()).used()).isEqualTo(usedBefore);
		Map<String, Boolean> after = nodes(vault);
		assertThat(files(after)).isEqualTo(files(nodesBefore));
		after.keySet().removeAll(nodesBefore.keySet());
		assertThat(after).as("at most the empty d/XX folders that held the content directories remain")
			.allSatisfy((path, collection) -> {
				assertThat(collection).isTrue();
				assertThat(path).matches("d/[A-Z2-7]{2}");
			});
		for (String blob : subtreeBlobs) {
			if (!walk(vault).stream().anyMatch(n -> blob.equals(n.blob()))) {
				assertThat(tree.contentsExist(blob)).as("a purged blob is deleted").isFalse();
			}
		}
		assertThat(cryptofsTree(vault, work.resolve("purged"))).containsExactly("/", "/blijft.txt");
	}

	/** Every live node of the space by its path, and whether it is a folder. */
	private Map<String, Boolean> nodes(Space space) {
		var out = new TreeMap<String, Boolean>();
		collect(tree.resolve(space, FilePath.ROOT).orElseThrow(), "", out, null);
		return out;
	}

	/** Every live node of the space. */
	private List<Node> walk(Space space) {
		var out = new ArrayList<Node>();
		collect(tree.resolve(space, FilePath.ROOT).orElseThrow(), "", new TreeMap<>(), out);
		return out;
	}

	private void collect(Node folder, String prefix, Map<String, Boolean> paths, List<Node> all) {
		for (Node child : tree.children(folder)) {
			String path = prefix + child.name();
			paths.put(path, child.collection());
			if (all != null) {
				all.add(child);
			}
			if (child.collection()) {
				collect(child, path + "/", paths, all);
			}
		}
	}

	private static Set<String> files(Map<String, Boolean> nodes) {
		var out = new TreeSet<String>();
		nodes.forEach((path, collection) -> {
			if (!collection) {
				out.add(path);
			}
		});
		return out;
	}

	/** The cleartext tree cryptofs sees in a copy of the space. */
	private Set<String> cryptofsTree(Space space, Path copy) throws IOException {
		StoredSpace.copyTo(tree, space, copy);
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(copy, StoredSpace.cryptofs(copy, PASSPHRASE));
				Stream<Path> walk = Files.walk(fs.getPath("/"))) {
			var paths = new TreeSet<String>();
			walk.forEach(p -> paths.add(p.toString()));
			return paths;
		}
	}
}
