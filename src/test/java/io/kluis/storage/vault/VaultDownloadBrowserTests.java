package io.kluis.storage.vault;

import static io.kluis.storage.vault.VaultPage.action;
import static io.kluis.storage.vault.VaultPage.rowPresent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Vault downloads in the panel: in Chromium the decrypted file streams to disk through the download
 * service worker (no Blob of the whole file in the page), with the Blob fallback for browsers that
 * cannot; both give the same bytes under the file's name. The 200 MiB walk in
 * {@link VaultFileManagerBrowserTests} goes through the streaming path too.
 */
class VaultDownloadBrowserTests extends VaultBrowserTestBase {

	static final String PASSPHRASE = "veertien vlugge vossen vouwen vliegers";

	static final int SIZE = 30 * 1024 * 1024 + 999;

	@Test
	@DisplayName("A 30 MiB vault file streams to disk through the service worker under its name with the same bytes; with streaming off the Blob fallback gives the same")
	void streamsToDiskAndFallsBackToABlob(ChromeDriver browser, @TempDir Path work) throws IOException {
		Path downloads = Files.createDirectories(work.resolve("downloads"));
		browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		var page = new VaultPage(browser, baseUrl).logIn(customer, "/panel");
		page.run("""
				const { vault } = await Vault.create(dav, 'vault', args[0], { scryptCost: 1024 });
				await vault.upload('', 'film.bin', new File([bytes(args[1], 21)], 'film.bin'));
				await vault.upload('', 'klein bestand é.txt', new File(['klein maar fijn'], 'klein bestand é.txt'));
				""", PASSPHRASE, SIZE);
		page.open("/panel/files?lang=en");
		page.unlock(PASSPHRASE);
		await().atMost(Duration.ofSeconds(30)).until(() -> rowPresent(browser, "listing", "film.bin"));

		action(browser, "listing", "film.bin", "download").click();
		Path film = downloads.resolve("film.bin");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
			.until(() -> Files.exists(film) && Files.size(film) == SIZE);
		assertThat(Files.mismatch(film, write(work.resolve("expected.bin"), VaultPage.bytes(SIZE, 21)))).isEqualTo(-1);
		await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(lastTransfer(browser).getDomAttribute("data-state")));
		assertThat(lastTransfer(browser).getDomAttribute("data-via")).as("streamed through the service worker").isEqualTo("stream");
		assertThat((Boolean) page.run("return !!(await navigator.serviceWorker.getRegistration('/js/storage/stream/'));")).isTrue();

		action(browser, "listing", "klein bestand é.txt", "download").click();
		Path small = downloads.resolve("klein bestand é.txt");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(small) && Files.size(small) == 15);
		assertThat(Files.readString(small)).isEqualTo("klein maar fijn");

		Path fallback = Files.createDirectories(work.resolve("fallback"));
		browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", fallback.toString()));
		page.run("(await import('/js/storage/save.js')).streaming.enabled = false;");
		action(browser, "listing", "film.bin", "download").click();
		Path again = fallback.resolve("film.bin");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
			.until(() -> Files.exists(again) && Files.size(again) == SIZE);
		assertThat(Files.mismatch(again, film)).isEqualTo(-1);
		await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(lastTransfer(browser).getDomAttribute("data-state")));
		assertThat(lastTransfer(browser).getDomAttribute("data-via")).as("the Blob fallback").isNull();
	}

	private static Path write(Path path, byte[] bytes) throws IOException {
		return Files.write(path, bytes);
	}

	private static WebElement lastTransfer(ChromeDriver browser) {
		return browser.findElement(By.cssSelector("#transfers li:last-child"));
	}
}
