package io.kluis.storage.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.SpaceKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cryptomator.cryptofs.CryptoFileSystemProvider;
import org.cryptomator.cryptolib.api.Masterkey;
import org.cryptomator.cryptolib.common.MasterkeyFileAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser's vault client and Cryptomator's own library (cryptofs, the code inside the
 * Cryptomator apps) read each other's vaults: format 8, SIV_GCM, names with directory ids, long
 * names (.c9s), several chunks, empty files, renames and moves between short and long names.
 */
class CryptomatorInteropBrowserTests extends VaultBrowserTestBase {

	static final String PASSPHRASE = "zeven zilveren zwanen zwemmen";

	static final String LONG_DIR = "map met een heel lange naam ".repeat(6).trim();

	static final String LONG_FILE = "bestand met een heel lange naam ".repeat(5) + ".txt";

	static final String PHOTOS_RENAMED = "Foto's 2024 " + "x".repeat(170);

	static final String LONG_RENAMED = "nu met een lange naam ".repeat(8).trim();

	StorageCustomers customers;

	@BeforeEach
	void customers() {
		customers = StorageCustomers.in(context);
	}

	@Test
	@SuppressWarnings("unchecked")
	@DisplayName("STO-1: a vault the browser wrote (folders, long names, chunks, renames, moves) opens in cryptofs with the same tree and bytes, and the server holds no name, key or passphrase")
	void browserVaultOpensInCryptofs(ChromeDriver browser, @TempDir Path stored) throws IOException {
		var space = spaces.create(customer.id(), "interop", SpaceKind.VAULT);
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		Map<String, Object> result = page.run("""
				const [passphrase, space, longDir, longFile, photosRenamed, longRenamed] = args;
				const { vault, recoveryKey } = await Vault.create(dav, space, passphrase);
				const put = (dir, name, size, seed) => vault.upload(dir, name, new File([bytes(size, seed)], name));
				const photos = await vault.mkdir('', "Foto's 2024");
				const deep = await vault.mkdir(photos, 'diep ü');
				const long = await vault.mkdir('', longDir);
				await put('', 'hallo wereld.txt', 12, 1);
				await put('', 'leeg.txt', 0, 2);
				await put('', 'precies een chunk.bin', 32768, 3);
				await put(deep, 'drie chunks.bin', 100000, 4);
				await put(long, 'in lange map.txt', 500, 5);
				await put('', longFile, 40000, 6);
				await put('', 'concept.txt', 300, 7);
				await put('', 'kort.txt', 700, 8);
				const find = async (dir, name) => (await vault.list(dir)).find((e) => e.name === name);
				await vault.move(await find('', 'concept.txt'), photos, 'definitief.txt');
				await vault.move(await find('', longFile), '', 'weer kort.bin');
				await vault.move(await find('', 'kort.txt'), long, longRenamed);
				await vault.move(await find('', "Foto's 2024"), '', photosRenamed);
				const raw = Array.from(vault.masterkey.raw(), (b) => b.toString(16).padStart(2, '0')).join('');
				vault.lock();
				const again = await Vault.unlockWithRecoveryKey(dav, space, recoveryKey);
				const names = (await again.list('')).map((e) => e.name);
				return { raw, recoveryKey, names };
				""", PASSPHRASE, "interop", LONG_DIR, LONG_FILE, PHOTOS_RENAMED, LONG_RENAMED);

		assertThat((List<Object>) result.get("names")).as("the recovery key opens the vault too")
			.contains("hallo wereld.txt", PHOTOS_RENAMED, LONG_DIR);
		StoredSpace.copyTo(tree, space, stored);
		byte[] raw = HexFormat.of().parseHex((String) result.get("raw"));
		assertThat(StoredSpace.files(stored)).contains(Path.of("vault.cryptomator"), Path.of("masterkey.cryptomator"));
		var secrets = new LinkedHashMap<String, byte[]>();
		secrets.put("passphrase", PASSPHRASE.getBytes(StandardCharsets.UTF_8));
		secrets.put("encryption key", java.util.Arrays.copyOfRange(raw, 0, 32));
		secrets.put("MAC key", java.util.Arrays.copyOfRange(raw, 32, 64));
		for (String name : List.of("hallo wereld", "leeg.txt", "precies een chunk", "drie chunks", "definitief",
				"Foto's 2024", "diep ü", "lange naam", "weer kort", "concept")) {
			secrets.put("name " + name, name.getBytes(StandardCharsets.UTF_8));
		}
		assertNothingStoredContains(stored, secrets);

		var expected = new TreeMap<String, byte[]>();
		expected.put("/hallo wereld.txt", VaultPage.bytes(12, 1));
		expected.put("/leeg.txt", VaultPage.bytes(0, 2));
		expected.put("/precies een chunk.bin", VaultPage.bytes(32768, 3));
		expected.put("/weer kort.bin", VaultPage.bytes(40000, 6));
		expected.put("/" + LONG_DIR + "/", null);
		expected.put("/" + LONG_DIR + "/in lange map.txt", VaultPage.bytes(500, 5));
		expected.put("/" + LONG_DIR + "/" + LONG_RENAMED, VaultPage.bytes(700, 8));
		expected.put("/" + PHOTOS_RENAMED + "/", null);
		expected.put("/" + PHOTOS_RENAMED + "/definitief.txt", VaultPage.bytes(300, 7));
		expected.put("/" + PHOTOS_RENAMED + "/diep ü/", null);
		expected.put("/" + PHOTOS_RENAMED + "/diep ü/drie chunks.bin", VaultPage.bytes(100000, 4));
		try (FileSystem vault = CryptoFileSystemProvider.newFileSystem(stored, StoredSpace.cryptofs(stored, PASSPHRASE))) {
			assertSameTree(readTree(vault.getPath("/")), expected);
		}
	}

	@Test
	@DisplayName("STO-1: a vault cryptofs wrote, uploaded over WebDAV like a Cryptomator app, opens in the browser with the same tree and bytes")
	void cryptofsVaultOpensInTheBrowser(ChromeDriver browser, @TempDir Path local) throws IOException {
		spaces.create(customer.id(), "fromapp", SpaceKind.VAULT);
		var masterkeys = new MasterkeyFileAccess(new byte[0], new SecureRandom());
		try (Masterkey key = Masterkey.generate(new SecureRandom())) {
			masterkeys.persist(key, local.resolve("masterkey.cryptomator"), PASSPHRASE);
		}
		CryptoFileSystemProvider.initialize(local, StoredSpace.cryptofs(local, PASSPHRASE),
				URI.create("masterkeyfile:masterkey.cryptomator"));
		var written = new TreeMap<String, byte[]>();
		written.put("/Notities.txt", VaultPage.bytes(5000, 11));
		written.put("/Reis/", null);
		written.put("/Reis/Dag één/", null);
		written.put("/Reis/Dag één/kaart.bin", VaultPage.bytes(70000, 12));
		written.put("/" + "x".repeat(170) + ".bin", VaultPage.bytes(33000, 13));
		written.put("/" + "y".repeat(160) + "/", null);
		written.put("/" + "y".repeat(160) + "/binnen.txt", VaultPage.bytes(10, 14));
		written.put("/leeg", VaultPage.bytes(0, 15));
		try (FileSystem vault = CryptoFileSystemProvider.newFileSystem(local, StoredSpace.cryptofs(local, PASSPHRASE))) {
			for (var entry : written.entrySet()) {
				if (entry.getValue() == null) {
					Files.createDirectories(vault.getPath(entry.getKey()));
				}
				else {
					Files.write(vault.getPath(entry.getKey()), entry.getValue());
				}
			}
		}
		var client = customers.withAppPassword(customer, "cryptomator").dav();
		StoredSpace.uploadOverDav(client, local, "fromapp");

		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		List<Map<String, Object>> seen = page.run("""
				const vault = await Vault.unlock(dav, args[0], args[1]);
				const out = [];
				const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
				async function walk(dirId, prefix) {
				  for (const e of await vault.list(dirId)) {
				    if (e.kind === 'folder') {
				      out.push({ path: prefix + e.name + '/' });
				      await walk(await vault.dirIdOf(e), prefix + e.name + '/');
				    } else {
				      const blob = await vault.download(e);
				      out.push({ path: prefix + e.name, listed: e.size, sha: hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())) });
				    }
				  }
				}
				await walk('', '/');
				vault.lock();
				return out;
				""", "fromapp", PASSPHRASE);

		var expected = new TreeMap<String, String>();
		written.forEach((path, bytes) -> expected.put(path, bytes == null ? "folder" : bytes.length + " " + sha256(bytes)));
		var actual = new TreeMap<String, String>();
		seen.forEach(e -> actual.put((String) e.get("path"),
				e.get("sha") == null ? "folder" : ((Number) e.get("listed")).longValue() + " " + e.get("sha")));
		assertThat(actual).isEqualTo(expected);

		// And in the file manager itself: unlock with the passphrase, see the folders and files.
		page.open("/panel/files?space=fromapp&lang=en");
		page.unlock(PASSPHRASE);
		await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(browser.executeScript(
				"return Array.from(document.querySelectorAll('#listing tbody tr')).map((tr) => tr.dataset.name)"
						+ ".join('|') === arguments[0]", "Reis|" + "y".repeat(160) + "|leeg|Notities.txt|" + "x".repeat(170) + ".bin")));
	}

	@Test
	@SuppressWarnings("unchecked")
	@DisplayName("AES-SIV in the page passes the RFC 5297 vectors (A.1, A.2), and its names and directory paths equal cryptolib's for the same keys")
	void namesAndDirectoryPathsEqualCryptolibs(ChromeDriver browser) throws Exception {
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		byte[] raw = new byte[64];
		new SecureRandom().nextBytes(raw);
		String dirId = java.util.UUID.randomUUID().toString();
		List<String> names = List.of("a", "Notities.txt", "ü é ß 日本語 😀", "n".repeat(180));
		Map<String, Object> js = page.run("""
				const { aessiv } = await import('/vendor/noble/ciphers/aes.js');
				const hex = (s) => Uint8Array.from(s.match(/../g).map((h) => parseInt(h, 16)));
				const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
				const a1 = toHex(aessiv(hex('fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'),
				  hex('101112131415161718191a1b1c1d1e1f2021222324252627')).encrypt(hex('112233445566778899aabbccddee')));
				const a2 = toHex(aessiv(hex('7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f'),
				  hex('00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100'),
				  hex('102030405060708090a0'), hex('09f911029d74e35bd84156c5635688c0'))
				  .encrypt(hex('7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553')));
				const [rawHex, dirId, names] = args;
				const key = hex(rawHex);
				const mk = new vc.Masterkey(key.subarray(0, 32), key.subarray(32));
				return {
				  a1, a2,
				  root: await vc.directoryPath(mk, ''), child: await vc.directoryPath(mk, dirId),
				  names: names.map((n) => vc.encryptName(mk, n, dirId)),
				  stored: await Promise.all(names.map(async (n) => vc.storedName(vc.encryptName(mk, n, dirId)))),
				};
				""", HexFormat.of().formatHex(raw), dirId, names);
		assertThat(js.get("a1")).isEqualTo("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c");
		assertThat(js.get("a2")).isEqualTo("7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17"
				+ "dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d");

		var cryptor = org.cryptomator.cryptolib.api.CryptorProvider
			.forScheme(org.cryptomator.cryptolib.api.CryptorProvider.Scheme.SIV_GCM)
			.provide(new Masterkey(raw), new SecureRandom());
		var nameCryptor = cryptor.fileNameCryptor();
		String root = nameCryptor.hashDirectoryId("");
		String child = nameCryptor.hashDirectoryId(dirId);
		assertThat(js.get("root")).isEqualTo("d/" + root.substring(0, 2) + "/" + root.substring(2));
		assertThat(js.get("child")).isEqualTo("d/" + child.substring(0, 2) + "/" + child.substring(2));
		List<String> expected = names.stream()
			.map(n -> nameCryptor.encryptFilename(com.google.common.io.BaseEncoding.base64Url(), n,
					dirId.getBytes(StandardCharsets.UTF_8)) + ".c9r")
			.toList();
		assertThat((List<Object>) js.get("names")).isEqualTo(List.<Object>copyOf(expected));
		var sha1 = MessageDigest.getInstance("SHA-1");
		String longStored = java.util.Base64.getUrlEncoder()
			.encodeToString(sha1.digest(expected.get(3).getBytes(StandardCharsets.UTF_8))) + ".c9s";
		assertThat((List<Object>) js.get("stored")).containsExactly(expected.get(0), expected.get(1), expected.get(2),
				longStored);
	}

	static Map<String, byte[]> readTree(Path root) throws IOException {
		var tree = new TreeMap<String, byte[]>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
				if (Files.isDirectory(path)) {
					tree.put(path.toString() + "/", null);
				}
				else {
					tree.put(path.toString(), Files.readAllBytes(path));
				}
			}
		}
		return tree;
	}

	static void assertSameTree(Map<String, byte[]> actual, Map<String, byte[]> expected) {
		assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((path, bytes) -> {
			if (bytes != null) {
				assertThat(actual.get(path)).as("the bytes of %s", path).isEqualTo(bytes);
			}
		});
	}

	/** No stored file, and no stored path, contains any of the secrets (files are read in windows, not whole). */
	static void assertNothingStoredContains(Path root, Map<String, byte[]> secrets) throws IOException {
		int longest = secrets.values().stream().mapToInt(b -> b.length).max().orElse(1);
		for (Path file : StoredSpace.files(root)) {
			byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
			secrets.forEach((what, secret) -> assertThat(indexOf(path, secret)).as("%s in a stored path", what).isEqualTo(-1));
			try (var in = Files.newInputStream(root.resolve(file))) {
				byte[] window = new byte[1024 * 1024 + longest];
				int kept = 0;
				for (int n; (n = in.readNBytes(window, kept, window.length - kept)) > 0;) {
					byte[] view = java.util.Arrays.copyOf(window, kept + n);
					secrets.forEach((what, secret) -> assertThat(indexOf(view, secret)).as("%s in a stored file", what)
						.isEqualTo(-1));
					kept = Math.min(longest - 1, view.length);
					System.arraycopy(view, view.length - kept, window, 0, kept);
				}
			}
		}
	}

	static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
