package io.kluis.storage.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.storage.files.Space;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Uploads into the vault through the panel: several at a time with a bar each and one for all,
 * dropped folders, and a real dropped connection.
 * <p>
 * A vault upload survives a real dropped connection: while a file of a few tens of MiB is on its way,
 * the test takes the browser's network away (DevTools {@code Network.emulateNetworkConditions},
 * offline: requests in flight fail in the browser's network stack, as when Wi-Fi drops), then gives
 * it back. The page asks the server where the upload stands ({@code HEAD}) and sends the rest; the
 * stored file opens with Cryptomator's cryptofs and has the same SHA-256.
 */
class VaultUploadsBrowserTests extends VaultBrowserTestBase {

	static final String PASSPHRASE = "dertien dromerige dolfijnen dansen";

	static final int SIZE = 40 * 1024 * 1024 + 4321;

	@Test
	@DisplayName("A 40 MiB vault upload: the browser goes offline mid-way and comes back → the upload resumes from the server's offset → cryptofs decrypts the same SHA-256")
	void uploadSurvivesTheBrowserGoingOffline(ChromeDriver browser, @TempDir Path work) throws IOException {
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		page.run("""
				const { xhrTransport } = await import('/js/storage/uploads.js');
				const { vault } = await Vault.create(dav, 'vault', args[0], { scryptCost: 1024 });
				window.upload = { progress: 0, retries: 0, failures: [] };
				// On localhost 40 MiB would be through in a blink (DevTools' upload throttling does not
				// slow request bodies): each piece waits a second first, so the line surely drops mid-way.
				// The failure itself is the browser's: the piece really goes out over XMLHttpRequest.
				const transport = async (...a) => {
				  await new Promise((r) => setTimeout(r, 1000));
				  try { return await xhrTransport(...a); } catch (e) { window.upload.failures.push(e.status); throw e; }
				};
				window.upload.done = vault.upload('', 'groot.bin', new File([bytes(args[1], 11)], 'groot.bin'), {
				  transport,
				  onProgress: (f) => { window.upload.progress = f; },
				  onRetry: () => { window.upload.retries++; },
				}).then(() => 'done', (e) => 'failed: ' + e.message);
				""", PASSPHRASE, SIZE);
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> progress(browser) > 0.3);
		network(browser, true);
		double cutAt = progress(browser);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> retries(browser) > 0);
		sleep(Duration.ofSeconds(3));
		network(browser, false);
		String outcome = page.run("return await window.upload.done;");
		assertThat(outcome).isEqualTo("done");
		assertThat(cutAt).as("the line dropped mid-way").isLessThan(1.0);
		assertThat(retries(browser)).isPositive();
		assertThat((java.util.List<?>) browser.executeScript("return window.upload.failures"))
			.as("the browser's own network stack failed a piece (status 0)").isNotEmpty().allSatisfy(s -> assertThat(((Number) s).intValue()).isZero());

		Space vault = spaces.find(customer.id(), Space.DEFAULT_VAULT).orElseThrow();
		Path stored = work.resolve("stored");
		StoredSpace.copyTo(tree, vault, stored);
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(stored, StoredSpace.cryptofs(stored, PASSPHRASE))) {
			Path file = fs.getPath("/groot.bin");
			assertThat(Files.size(file)).isEqualTo(SIZE);
			try (InputStream in = Files.newInputStream(file)) {
				assertThat(StoredSpace.sha256(in))
					.isEqualTo(StoredSpace.sha256(new java.io.ByteArrayInputStream(VaultPage.bytes(SIZE, 11))));
			}
		}
	}

	@Test
	@DisplayName("Seven files chosen at once go up three at a time, each with its bar and one bar for all; a dropped folder tree keeps its folders (each created once); cryptofs sees it all")
	void manyFilesThreeAtATimeAndADroppedFolder(ChromeDriver browser, @TempDir Path work) throws IOException {
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		page.run("await Vault.create(dav, 'vault', args[0], { scryptCost: 1024 });", PASSPHRASE);
		List<Path> chosen = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			Path file = work.resolve("upload").resolve("foto-" + i + ".jpg");
			Files.createDirectories(file.getParent());
			Files.write(file, VaultPage.bytes(i * 700_000, i));
			chosen.add(file);
		}
		page.open("/panel/files?lang=nl");
		page.unlock(PASSPHRASE);
		await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("browser")).isDisplayed());
		browser.executeScript("""
				window.seen = { most: 0 };
				new MutationObserver(() => {
				  const now = document.querySelectorAll('#transfers li[data-phase=uploading], #transfers li[data-phase=resuming]').length;
				  window.seen.most = Math.max(window.seen.most, now);
				}).observe(document.getElementById('transfers'), { subtree: true, attributes: true, childList: true });
				""");
		WebElement picker = browser.findElement(By.id("pick-files"));
		browser.executeScript("arguments[0].classList.remove('visually-hidden')", picker);
		picker.sendKeys(String.join("\n", chosen.stream().map(Path::toString).toList()));
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
			.until(() -> browser.findElements(By.cssSelector("#transfers li[data-state=done]")).size() == 7);
		assertThat(((Number) browser.executeScript("return window.seen.most")).intValue())
			.as("three uploads at a time, never more").isEqualTo(3);
		assertThat(browser.findElement(By.id("transfers-total")).isDisplayed()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(browser.findElement(By.id("transfers-total")).getDomAttribute("data-state")));
		assertThat(browser.findElement(By.id("transfers-total-bar")).getDomProperty("value")).isEqualTo("1");
		assertThat(browser.findElement(By.id("transfers-total-text")).getText()).startsWith("7 van 7 bestanden");
		Browser.screenshot(browser, "vault-uploads-three-at-a-time");

		// A dropped folder (what webkitGetAsEntry gives for a folder dragged from the desktop; a test
		// cannot drag a real one): four files in two new folders, uploaded side by side.
		page.run("""
				const { app, droppedItems } = await import('/js/storage/files.js');
				const file = (name, text) => ({ isFile: true, name, file: (ok) => ok(new File([text], name)) });
				const dir = (name, children) => ({ isDirectory: true, name, createReader: () => {
				  let given = false;
				  return { readEntries: (ok) => { ok(given ? [] : children); given = true; } };
				} });
				const tree = dir('Vakantie', [file('a.txt', 'eerste'), file('b.txt', 'tweede'),
				  dir('Strand', [file('c.txt', 'derde'), file('d.txt', 'vierde')])]);
				const items = await droppedItems({ items: [{ webkitGetAsEntry: () => tree }], files: [] });
				return await app.upload(items);
				""");
		assertThat(browser.findElements(By.cssSelector("#transfers li[data-state=failed]"))).isEmpty();
		assertThat(browser.findElement(By.id("transfers-total-text")).getText()).startsWith("4 van 4 bestanden");

		Space vault = spaces.find(customer.id(), Space.DEFAULT_VAULT).orElseThrow();
		Path stored = work.resolve("stored");
		StoredSpace.copyTo(tree, vault, stored);
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(stored, StoredSpace.cryptofs(stored, PASSPHRASE));
				Stream<Path> walk = Files.walk(fs.getPath("/"))) {
			Set<String> paths = new TreeSet<>();
			walk.forEach(p -> paths.add(p.toString()));
			assertThat(paths).containsExactlyInAnyOrder("/", "/foto-1.jpg", "/foto-2.jpg", "/foto-3.jpg", "/foto-4.jpg",
					"/foto-5.jpg", "/foto-6.jpg", "/foto-7.jpg", "/Vakantie", "/Vakantie/a.txt", "/Vakantie/b.txt",
					"/Vakantie/Strand", "/Vakantie/Strand/c.txt", "/Vakantie/Strand/d.txt");
			assertThat(Files.readAllBytes(fs.getPath("/foto-7.jpg"))).isEqualTo(VaultPage.bytes(7 * 700_000, 7));
			assertThat(Files.readString(fs.getPath("/Vakantie/Strand/d.txt"))).isEqualTo("vierde");
		}
	}

	private static void network(ChromeDriver browser, boolean offline) {
		browser.executeCdpCommand("Network.enable", Map.of());
		browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
				"downloadThroughput", -1, "uploadThroughput", -1));
	}

	private static double progress(ChromeDriver browser) {
		return ((Number) browser.executeScript("return window.upload ? window.upload.progress : 0")).doubleValue();
	}

	private static long retries(ChromeDriver browser) {
		return ((Number) browser.executeScript("return window.upload.retries")).longValue();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
