package io.kluis.storage.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.cryptomator.cryptofs.CryptoFileSystemProperties;
import org.cryptomator.cryptofs.CryptoFileSystemProvider;
import org.cryptomator.cryptolib.api.MasterkeyLoader;
import org.cryptomator.cryptolib.common.MasterkeyFileAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A vault upload survives a real dropped connection: while a file of a few tens of MiB is on its way,
 * the test takes the browser's network away (DevTools {@code Network.emulateNetworkConditions},
 * offline: requests in flight fail in the browser's network stack, as when Wi-Fi drops), then gives
 * it back. The page asks the server where the upload stands ({@code HEAD}) and sends the rest; the
 * stored file opens with Cryptomator's cryptofs and has the same SHA-256.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class VaultUploadResumeBrowserTests {

	static final String PASSPHRASE = "dertien dromerige dolfijnen dansen";

	static final int SIZE = 40 * 1024 * 1024 + 4321;

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	CustomerRegistration registration;

	@Autowired
	Accounts accounts;

	@Autowired
	StaffAdministration staff;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	Clock clock;

	TestAccounts.Known customer;

	@BeforeEach
	void customer() {
		customer = new TestAccounts(registration, accounts, staff, clock).verified();
	}

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
		MasterkeyLoader loader = keyId -> new MasterkeyFileAccess(new byte[0], new SecureRandom())
			.load(stored.resolve("masterkey.cryptomator"), PASSPHRASE);
		try (FileSystem fs = CryptoFileSystemProvider.newFileSystem(stored,
				CryptoFileSystemProperties.cryptoFileSystemProperties().withKeyLoader(loader).build())) {
			Path file = fs.getPath("/groot.bin");
			assertThat(Files.size(file)).isEqualTo(SIZE);
			try (InputStream in = Files.newInputStream(file)) {
				assertThat(sha256(in)).isEqualTo(sha256(new java.io.ByteArrayInputStream(VaultPage.bytes(SIZE, 11))));
			}
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

	private static String sha256(InputStream in) throws IOException {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 20];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
