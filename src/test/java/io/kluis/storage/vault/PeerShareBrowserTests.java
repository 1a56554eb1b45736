package io.kluis.storage.vault;

import static io.kluis.storage.vault.VaultPage.control;
import static io.kluis.storage.vault.VaultPage.row;
import static io.kluis.storage.vault.VaultPage.rowPresent;
import static io.kluis.storage.vault.VaultPage.rowWith;
import static io.kluis.storage.vault.VaultPage.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.KluisServerTest;
import io.kluis.identity.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * STO-2 shares to another customer, end to end in Debian Chromium with two customers in two
 * browsers: the recipient's first vault unlock makes their sharing key pair; the owner shares a
 * vault file by email address; the recipient unlocks their own vault, finds it under "Shared with
 * me", and downloads the same bytes; the owner revokes and it is gone for the recipient.
 */
@KluisServerTest
@ExtendWith(Browser.class)
@Tag("browser")
class PeerShareBrowserTests {

	static final String OWNER_PASSPHRASE = "acht oranje olifanten ontbijten";

	static final String RECIPIENT_PASSPHRASE = "negen groene giraffen dansen";

	static final int SIZE = 3 * 1024 * 1024 + 4321;

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("STO-1, STO-2: A shares a vault file with customer B; B unlocks their own vault in their own browser, sees it under shared with me with A's address, downloads the same bytes (SHA-256); the server holds only the encrypted manifest and the wrapped key; A sees who has access, revokes, and B no longer sees or gets it")
	void vaultFileSharedWithACustomer(ChromeDriver owner, @TempDir Path work) throws IOException {
		var testAccounts = TestAccounts.in(context);
		TestAccounts.Known alice = testAccounts.verified();
		TestAccounts.Known bob = testAccounts.verified();
		Path upload = Files.createDirectories(work.resolve("upload"));
		Path plan = upload.resolve("bouwplan.bin");
		VaultFileManagerBrowserTests.writeDeterministic(plan, SIZE);
		Path received = Files.createDirectories(work.resolve("received"));

		try (Browser.Session second = Browser.open()) {
			ChromeDriver recipient = second.driver();
			recipient.executeCdpCommand("Browser.setDownloadBehavior",
					Map.of("behavior", "allow", "downloadPath", received.toString()));

			// B's first vault: unlocking it makes and publishes B's sharing key pair.
			var bobsPage = new VaultPage(recipient, baseUrl).logIn(bob, "/panel/files?lang=en");
			bobsPage.createVault(RECIPIENT_PASSPHRASE);
			await().atMost(Duration.ofSeconds(30)).until(() -> !text(recipient, "sharing-fingerprint").isEmpty());
			String fingerprint = text(recipient, "sharing-fingerprint");
			assertThat(fingerprint).matches("([0-9a-f]{4} ){7}[0-9a-f]{4}");
			byte[] wrappedPrivate = jdbc.sql("select wrapped_private_key from storage_sharing_keys where account_id = ?")
				.param(bob.id().value()).query((rs, i) -> rs.getBytes(1)).single();
			assertThat(wrappedPrivate.length).as("nonce, PKCS#8 of a P-256 key, tag").isBetween(150, 200);

			// A uploads a file to their vault and shares it with B by email address.
			new VaultPage(owner, baseUrl).logIn(alice, "/panel/files?lang=en").createVault(OWNER_PASSPHRASE);
			owner.findElement(By.id("pick-files")).sendKeys(plan.toString());
			await().atMost(Duration.ofMinutes(1)).until(() -> rowPresent(owner, "listing", "bouwplan.bin"));
			control(owner, "listing", "bouwplan.bin", "share").click();
			owner.findElement(By.cssSelector("form.share-form input[name=recipient]")).sendKeys(bob.email());
			owner.findElement(By.cssSelector("form.share-form button[data-action=share-customer]")).click();
			await().atMost(Duration.ofMinutes(1)).until(() -> rowPresent(owner, "customer-shares-listing", "bouwplan.bin"));
			assertThat(text(owner, "files-status")).as("the owner sees the key's fingerprint to compare").contains(fingerprint);
			assertThat(row(owner, "customer-shares-listing", "bouwplan.bin").getText()).as("who has access")
				.contains(bob.email(), fingerprint);
			Browser.screenshot(owner, "peer-share-owner");

			// What the server holds for it: an opaque manifest and a 125-byte wrapped key, no name, no key.
			Map<String, Object> stored = jdbc.sql("select manifest, wrapped_key from storage_peer_shares where account_id = ?")
				.param(alice.id().value()).query().singleRow();
			assertThat(new String((byte[]) stored.get("manifest"), StandardCharsets.ISO_8859_1)).doesNotContain("bouwplan");
			assertThat((byte[]) stored.get("wrapped_key")).hasSize(125);

			// B, in their own browser: unlock, shared with me, open, download.
			recipient.navigate().refresh();
			await().atMost(Duration.ofSeconds(20)).until(() -> recipient.findElement(By.id("vault-unlock")).isDisplayed());
			await().atMost(Duration.ofSeconds(20)).until(() -> rowWith(recipient, "incoming-listing", "owner", alice.email()) != null);
			recipient.findElement(By.id("unlock-passphrase")).sendKeys(RECIPIENT_PASSPHRASE);
			recipient.findElement(By.id("unlock-vault")).click();
			await().atMost(Duration.ofSeconds(60)).until(() -> recipient.findElement(By.id("browser")).isDisplayed());
			await().atMost(Duration.ofSeconds(20)).until(() -> rowWith(recipient, "incoming-listing", "owner", alice.email()) != null);
			WebElement incoming = rowWith(recipient, "incoming-listing", "owner", alice.email());
			String shareId = incoming.getDomAttribute("data-id");
			incoming.findElement(By.cssSelector("button[data-action=open]")).click();
			await().atMost(Duration.ofSeconds(30)).until(() -> rowPresent(recipient, "incoming-files", "bouwplan.bin"));
			Browser.screenshot(recipient, "peer-share-recipient");
			control(recipient, "incoming-files", "bouwplan.bin", "download").click();
			Path got = received.resolve("bouwplan.bin");
			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
				.until(() -> Files.exists(got) && Files.size(got) == SIZE);
			assertThat(StoredSpace.sha256(got)).isEqualTo(StoredSpace.sha256(plan));

			// A revokes: at once B no longer sees it, and its ciphertext is 404 for B.
			control(owner, "customer-shares-listing", "bouwplan.bin", "revoke-customer").click();
			owner.switchTo().alert().accept();
			await().atMost(Duration.ofSeconds(20)).until(() -> "revoked".equals(
					row(owner, "customer-shares-listing", "bouwplan.bin").getDomAttribute("data-state")));
			Map<String, Object> after = bobsPage.run("""
					const list = await (await fetch('/panel/files/api/shares/received')).json();
					const manifest = await fetch('/panel/files/api/shares/received/' + args[0] + '/manifest');
					const blob = await fetch('/panel/files/api/shares/received/' + args[0] + '/blobs/0');
					return { listed: list.length, manifest: manifest.status, blob: blob.status };
					""", shareId);
			assertThat(after).containsEntry("listed", 0L).containsEntry("manifest", 404L).containsEntry("blob", 404L);
			recipient.navigate().refresh();
			await().atMost(Duration.ofSeconds(20)).until(() -> recipient.findElement(By.id("vault-unlock")).isDisplayed());
			await().atMost(Duration.ofSeconds(20)).until(() -> !recipient.findElements(By.cssSelector("#incoming-listing tbody tr")).isEmpty());
			assertThat(rowWith(recipient, "incoming-listing", "owner", alice.email())).isNull();
		}
	}
}
