package io.kluis.storage.vault;

import static io.kluis.storage.vault.VaultPage.action;
import static io.kluis.storage.vault.VaultPage.row;
import static io.kluis.storage.vault.VaultPage.rowPresent;
import static io.kluis.storage.vault.VaultPage.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.storage.files.Space;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cryptomator.cryptofs.CryptoFileSystemProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Acceptance 2 of the vault issue, in Debian Chromium through the panel's file manager: create a
 * vault (warning, passphrase twice, recovery key once), upload a folder holding a 200 MiB file with
 * the folder picker, find only ciphertext without names on the server, download the file through the
 * page and get the same bytes, and open the very same vault with Cryptomator's cryptofs. Then the
 * everyday operations: rename, delete to the trash and restore, lock and unlock.
 */
class VaultFileManagerBrowserTests extends VaultBrowserTestBase {

	static final String PASSPHRASE = "acht oranje olifanten ontbijten";

	static final long BIG = 200L * 1024 * 1024;

	static final int CHUNK = 32 * 1024;

	@Test
	@DisplayName("STO-1, STO-2, acceptance 2: create vault → upload a folder with a 200 MiB file → ciphertext without names on disk → download equals → cryptofs shows the same tree and bytes → share a link with password → a fresh browser profile opens it and downloads the same bytes (SHA-256) → revoke → the link is gone; rename, trash and restore, lock and unlock")
	void vaultInThePanel(ChromeDriver browser, @TempDir Path work) throws IOException {
		Path folder = Files.createDirectories(work.resolve("upload").resolve("Reis 2024"));
		Path big = folder.resolve("reisverslag-video.bin");
		writeDeterministic(big, BIG);
		Files.writeString(folder.resolve("notities.txt"), "Dag 1: aangekomen.");
		Path downloads = Files.createDirectories(work.resolve("downloads"));
		browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));

		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel/files?lang=en");
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("vault-create")).isDisplayed());
		assertThat(browser.findElement(By.id("vault-warning")).getText())
			.contains("If you lose both, nobody can decrypt your vault");
		Browser.screenshot(browser, "vault-create");
		browser.findElement(By.id("create-passphrase")).sendKeys(PASSPHRASE);
		browser.findElement(By.id("create-passphrase-again")).sendKeys(PASSPHRASE);
		browser.findElement(By.id("create-understand")).click();
		browser.findElement(By.id("create-vault")).click();
		await().atMost(Duration.ofSeconds(60)).until(() -> !text(browser, "recovery-key").isEmpty());
		String recoveryKey = text(browser, "recovery-key");
		assertThat(recoveryKey).matches("([0-9A-Z]{4}-){26}[0-9A-Z]{2}");
		browser.findElement(By.id("recovery-done")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("browser")).isDisplayed());
		assertThat(text(browser, "recovery-key")).as("shown once, then gone from the page").isEmpty();

		WebElement picker = browser.findElement(By.id("pick-folder"));
		browser.executeScript("arguments[0].classList.remove('visually-hidden')", picker);
		picker.sendKeys(folder.toString());
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
			.until(() -> browser.findElements(By.cssSelector("#transfers li[data-state]")).size() == 2);
		assertThat(browser.findElements(By.cssSelector("#transfers li[data-state=failed]"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#transfers progress")))
			.allSatisfy(bar -> assertThat(bar.getDomProperty("value")).isEqualTo("1"));
		Browser.screenshot(browser, "vault-uploaded");

		// What the server holds: ciphertext of the right length, no name, no passphrase.
		Space vault = spaces.find(customer.id(), Space.DEFAULT_VAULT).orElseThrow();
		Path stored = work.resolve("stored");
		StoredSpace.copyTo(tree, vault, stored);
		var secrets = new LinkedHashMap<String, byte[]>();
		for (String secret : List.of("Reis 2024", "reisverslag", "notities", "Dag 1: aangekomen", PASSPHRASE)) {
			secrets.put(secret, secret.getBytes(StandardCharsets.UTF_8));
		}
		byte[] head = new byte[64];
		try (var in = Files.newInputStream(big)) {
			in.readNBytes(head, 0, head.length);
		}
		secrets.put("the cleartext's first bytes", head);
		CryptomatorInteropBrowserTests.assertNothingStoredContains(stored, secrets);
		long ciphertext = 68 + (BIG / CHUNK) * (CHUNK + 28);
		Path bigStored;
		try (Stream<Path> files = Files.walk(stored)) {
			bigStored = files.filter(p -> p.toFile().length() == ciphertext).findFirst().orElseThrow();
		}
		assertThat(bigStored.getFileName().toString()).as("an encrypted name").endsWith(".c9r");

		// Cryptomator's library opens the same vault and sees the same tree and bytes.
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(stored, StoredSpace.cryptofs(stored, PASSPHRASE))) {
			Set<String> paths = new TreeSet<>();
			try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
				walk.forEach(p -> paths.add(p.toString()));
			}
			assertThat(paths).containsExactly("/", "/Reis 2024", "/Reis 2024/notities.txt",
					"/Reis 2024/reisverslag-video.bin");
			assertThat(Files.mismatch(big, fs.getPath("/Reis 2024/reisverslag-video.bin"))).isEqualTo(-1);
			assertThat(Files.readString(fs.getPath("/Reis 2024/notities.txt"))).isEqualTo("Dag 1: aangekomen.");
		}

		// Download through the page: decrypted chunk by chunk, the same 200 MiB.
		row(browser, "listing", "Reis 2024").findElement(By.tagName("button")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "reisverslag-video.bin"));
		action(browser, "listing", "reisverslag-video.bin", "download").click();
		Path downloaded = downloads.resolve("reisverslag-video.bin");
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
			.until(() -> Files.exists(downloaded) && Files.size(downloaded) == BIG);
		assertThat(Files.mismatch(big, downloaded)).isEqualTo(-1);

		// STO-2: share the 200 MiB file with a password; a fresh browser profile opens the link,
		// decrypts with the key in the fragment and saves the same bytes; revoked, the link is gone.
		String link = shareWithPassword(browser, "reisverslag-video.bin", "zeven zeeën");
		assertThat(link).startsWith(baseUrl + "/s/").contains("#");
		Path received = Files.createDirectories(work.resolve("received"));
		try (Browser.Session other = Browser.open()) {
			ChromeDriver recipient = other.driver();
			recipient.executeCdpCommand("Browser.setDownloadBehavior",
					Map.of("behavior", "allow", "downloadPath", received.toString()));
			recipient.get(link);
			recipient.findElement(By.id("share-password")).sendKeys("zeven zeeën");
			recipient.findElement(By.id("share-open")).click();
			await().atMost(Duration.ofSeconds(30)).until(() -> rowPresent(recipient, "share-listing", "reisverslag-video.bin"));
			assertThat(recipient.getCurrentUrl()).as("the key stayed in the fragment").isEqualTo(link);
			Browser.screenshot(recipient, "share-recipient");
			action(recipient, "share-listing", "reisverslag-video.bin", "download").click();
			Path got = received.resolve("reisverslag-video.bin");
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
				.until(() -> Files.exists(got) && Files.size(got) == BIG);
			assertThat(StoredSpace.sha256(got)).isEqualTo(StoredSpace.sha256(big));
		}
		row(browser, "shares-listing", "reisverslag-video.bin").findElement(By.cssSelector("button[data-action=revoke]")).click();
		browser.switchTo().alert().accept();
		// the listing is redrawn when the revocation lands: a row found just before is stale, look again
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
			.until(() -> "revoked".equals(row(browser, "shares-listing", "reisverslag-video.bin").getDomAttribute("data-state")));
		try (Browser.Session other = Browser.open()) {
			ChromeDriver recipient = other.driver();
			recipient.get(link);
			assertThat(recipient.findElements(By.id("share-gone"))).hasSize(1);
			assertThat(recipient.findElements(By.id("share-password"))).isEmpty();
		}

		// Rename, delete to the trash, restore.
		action(browser, "listing", "notities.txt", "rename").click();
		WebElement name = browser.switchTo().activeElement();
		name.clear();
		name.sendKeys("/Reis 2024/dagboek.txt");
		browser.findElement(By.cssSelector("#listing button[data-action=save]")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "dagboek.txt"));
		action(browser, "listing", "dagboek.txt", "delete").click();
		browser.switchTo().alert().accept();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "trash-listing", "dagboek.txt"));
		assertThat(rowPresent(browser, "listing", "dagboek.txt")).isFalse();
		Browser.screenshot(browser, "vault-trash");
		action(browser, "trash-listing", "dagboek.txt", "restore").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "dagboek.txt"));
		assertThat(rowPresent(browser, "trash-listing", "dagboek.txt")).isFalse();
		assertThat(Double.parseDouble(browser.findElement(By.id("quota")).getDomProperty("value")))
			.isGreaterThan((double) BIG);

		// Lock: the keys are gone; a wrong passphrase does not open it, the right one does.
		browser.findElement(By.id("lock-vault")).click();
		await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("vault-unlock")).isDisplayed());
		assertThat(browser.findElement(By.id("browser")).isDisplayed()).isFalse();
		browser.findElement(By.id("unlock-passphrase")).sendKeys("not the passphrase at all");
		browser.findElement(By.id("unlock-vault")).click();
		await().atMost(Duration.ofSeconds(60)).until(() -> text(browser, "files-status").contains("does not open"));
		browser.findElement(By.id("unlock-passphrase")).sendKeys(PASSPHRASE);
		browser.findElement(By.id("unlock-vault")).click();
		await().atMost(Duration.ofSeconds(60)).until(() -> rowPresent(browser, "listing", "Reis 2024"));

		// The recovery key shown once sets a new passphrase, with which Cryptomator opens the vault too.
		browser.findElement(By.id("lock-vault")).click();
		browser.findElement(By.cssSelector("#vault-unlock details summary")).click();
		browser.findElement(By.id("recover-key")).sendKeys(recoveryKey.toLowerCase());
		browser.findElement(By.id("recover-passphrase")).sendKeys("negen nieuwe notenkrakers");
		browser.findElement(By.id("recover-passphrase-again")).sendKeys("negen nieuwe notenkrakers");
		browser.findElement(By.cssSelector("#vault-recover-form button[type=submit]")).click();
		await().atMost(Duration.ofSeconds(60)).until(() -> rowPresent(browser, "listing", "Reis 2024"));
		Path again = work.resolve("again");
		StoredSpace.copyTo(tree, vault, again);
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(again, StoredSpace.cryptofs(again, "negen nieuwe notenkrakers"))) {
			assertThat(Files.readString(fs.getPath("/Reis 2024/dagboek.txt"))).isEqualTo("Dag 1: aangekomen.");
		}
	}

	@Test
	@DisplayName("A vault upload resumes after a dropped connection: what the server already has is kept, the rest of the piece follows, and the file decrypts whole")
	void uploadResumesAfterADroppedConnection(ChromeDriver browser) {
		spaces.create(customer.id(), "resume", io.kluis.storage.files.SpaceKind.VAULT);
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		Map<String, Object> result = page.run("""
				const { xhrTransport, UploadError } = await import('/js/storage/uploads.js');
				const { vault } = await Vault.create(dav, 'resume', 'elf eenden eten erwten', { scryptCost: 1024 });
				const size = 10 * 1024 * 1024 + 12345;
				let calls = 0, lostResponse = 0, neverArrived = 0;
				// Two pieces (8 MiB with the header, then the rest). The 1st: half of it reaches the server,
				// then the connection drops before the answer. The 2nd: it drops before a byte arrives.
				const transport = async (url, offset, body, headers, onProgress) => {
				  calls++;
				  if (calls === 1) {
				    await xhrTransport(url, offset, body.slice(0, Math.floor((body.size ?? body.length) / 2)), headers, onProgress);
				    lostResponse++;
				    throw new UploadError('connection dropped', 0);
				  }
				  if (calls === 3) { neverArrived++; throw new UploadError('connection dropped', 0); }
				  return xhrTransport(url, offset, body, headers, onProgress);
				};
				await vault.upload('', 'groot.bin', new File([bytes(size, 9)], 'groot.bin'), { transport });
				const entry = (await vault.list('')).find((e) => e.name === 'groot.bin');
				const back = new Uint8Array(await (await vault.download(entry)).arrayBuffer());
				const expected = bytes(size, 9);
				let same = back.length === expected.length;
				for (let i = 0; same && i < back.length; i++) same = back[i] === expected[i];
				return { same, lostResponse, neverArrived, listed: entry.size, calls };
				""");
		assertThat(result).containsEntry("same", true).containsEntry("lostResponse", 1L).containsEntry("neverArrived", 1L)
			.as("the rest of the 1st piece, and the 2nd piece again, were sent after the drops").containsEntry("calls", 4L);
		assertThat(((Number) result.get("listed")).longValue()).isEqualTo(10L * 1024 * 1024 + 12345);
	}

	@Test
	@DisplayName("A plain space in the panel: created from the page, files dropped onto it with a progress bar each, renamed, deleted to the trash and restored")
	void plainSpaceWithDragAndDrop(ChromeDriver browser) {
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel/files?lang=nl");
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("vault-create")).isDisplayed());
		browser.findElement(By.cssSelector("#new-space-details summary")).click();
		browser.findElement(By.cssSelector("#new-space-name")).sendKeys("documenten");
		browser.findElement(By.cssSelector("#new-space input[value=PLAIN]")).click();
		browser.findElement(By.cssSelector("#new-space button[type=submit]")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("space=documenten")
				&& browser.findElement(By.id("browser")).isDisplayed());
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bestanden");

		page.run("""
				const zone = document.getElementById('dropzone');
				const dt = new DataTransfer();
				dt.items.add(new File(['Beste klant,'], 'brief.txt', { type: 'text/plain' }));
				dt.items.add(new File([bytes(300000, 3)], 'scan.bin'));
				zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
				""");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> browser.findElements(By.cssSelector("#transfers li[data-state=done]")).size() == 2);
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "scan.bin"));
		Space documents = spaces.find(customer.id(), "documenten").orElseThrow();
		var stored = tree.resolve(documents, io.kluis.storage.files.FilePath.of(List.of("brief.txt"))).orElseThrow();
		assertThat(stored.size()).isEqualTo(12);

		action(browser, "listing", "brief.txt", "rename").click();
		WebElement name = browser.switchTo().activeElement();
		name.clear();
		name.sendKeys("/antwoord.txt");
		name.sendKeys(org.openqa.selenium.Keys.ENTER);
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "antwoord.txt"));
		action(browser, "listing", "antwoord.txt", "delete").click();
		browser.switchTo().alert().accept();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "trash-listing", "antwoord.txt"));
		action(browser, "trash-listing", "antwoord.txt", "restore").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> rowPresent(browser, "listing", "antwoord.txt"));
		assertThat(tree.resolve(documents, io.kluis.storage.files.FilePath.of(List.of("antwoord.txt")))).isPresent();
	}

	/** Shares a listed file with a password through the page and returns the link shown once. */
	private static String shareWithPassword(ChromeDriver browser, String name, String password) {
		action(browser, "listing", name, "share").click();
		browser.findElement(By.cssSelector("form.share-form input[name=password]")).sendKeys(password);
		browser.findElement(By.cssSelector("form.share-form button[data-action=share-create]")).click();
		await().atMost(Duration.ofMinutes(1)).until(() -> {
			String value = browser.findElement(By.id("share-url")).getDomProperty("value");
			return value != null && !value.isEmpty();
		});
		return browser.findElement(By.id("share-url")).getDomProperty("value");
	}

	/** {@code size} bytes that differ from MiB to MiB, written without holding them in memory. */
	static void writeDeterministic(Path path, long size) throws IOException {
		byte[] block = new byte[1024 * 1024];
		try (OutputStream out = Files.newOutputStream(path)) {
			for (long at = 0, n = 0; at < size; at += block.length, n++) {
				for (int j = 0; j < block.length; j++) {
					block[j] = (byte) ((j * 31 + n * 7 + (j >>> 12)) & 255);
				}
				out.write(block, 0, (int) Math.min(block.length, size - at));
			}
		}
	}
}
