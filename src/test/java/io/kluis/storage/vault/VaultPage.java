package io.kluis.storage.vault;

import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.BrowserPage;
import io.kluis.TestServer;
import io.kluis.identity.TestAccounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A logged-in browser page on the test server, and a way to run the panel's own ES modules in it
 * ({@code import('/js/storage/…')}): the vault tests drive exactly the code the file manager uses,
 * in Debian Chromium with its WebCrypto. Also the file manager's steps and look-ups the vault tests
 * share: creating and unlocking a vault, and rows and their buttons in the listings (static, for any
 * browser, a share link's recipient's too).
 */
final class VaultPage {

	private final ChromeDriver browser;

	private final String baseUrl;

	VaultPage(ChromeDriver browser, String baseUrl) {
		this.browser = browser;
		this.baseUrl = baseUrl;
		browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(4));
	}

	ChromeDriver browser() {
		return browser;
	}

	VaultPage logIn(TestAccounts.Known customer, String page) {
		Browser.sendHeader(browser, TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress());
		browser.get(baseUrl + "/login?lang=en");
		new BrowserPage(browser, baseUrl).logIn(customer.email(), customer.password());
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().endsWith("/panel"));
		open(page);
		return this;
	}

	void open(String page) {
		browser.get(baseUrl + page);
	}

	/** On the files page: waits for the unlock form and unlocks the vault with the passphrase. */
	void unlock(String passphrase) {
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("vault-unlock")).isDisplayed());
		browser.findElement(By.id("unlock-passphrase")).sendKeys(passphrase);
		browser.findElement(By.id("unlock-vault")).click();
	}

	/**
	 * On the files page: creates the vault (passphrase twice, the warning understood, recovery key
	 * noted) and waits until it is open.
	 */
	void createVault(String passphrase) {
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("vault-create")).isDisplayed());
		browser.findElement(By.id("create-passphrase")).sendKeys(passphrase);
		browser.findElement(By.id("create-passphrase-again")).sendKeys(passphrase);
		browser.findElement(By.id("create-understand")).click();
		browser.findElement(By.id("create-vault")).click();
		await().atMost(Duration.ofSeconds(60)).until(() -> !text(browser, "recovery-key").isEmpty());
		browser.findElement(By.id("recovery-done")).click();
		await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElement(By.id("browser")).isDisplayed());
	}

	/**
	 * Runs {@code body} (the inside of an async function with {@code args}, {@code dav} (a WebDAV
	 * client with the page's CSRF token), {@code Vault}, {@code vc} (vault-crypto) and
	 * {@code bytes(size, seed)} in scope) and returns what it returns, or throws with the script's
	 * error.
	 */
	@SuppressWarnings("unchecked")
	<T> T run(String body, Object... args) {
		String script = """
				const done = arguments[arguments.length - 1];
				const args = Array.from(arguments).slice(0, -1);
				(async () => {
				  const { Dav, pageCsrf } = await import('/js/storage/dav.js');
				  const { Vault } = await import('/js/storage/vault-fs.js');
				  const vc = await import('/js/storage/vault-crypto.js');
				  const dav = new Dav('/panel/dav/', pageCsrf());
				  const bytes = (size, seed) => { const b = new Uint8Array(size); for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 255; return b; };
				  %s
				})().then(done, (e) => done({ scriptError: String(e && e.stack || e) }));
				""".formatted(body);
		Object result = browser.executeAsyncScript(script, args);
		if (result instanceof Map<?, ?> map && map.containsKey("scriptError")) {
			throw new AssertionError("in the browser: " + map.get("scriptError"));
		}
		return (T) result;
	}

	/** The same bytes {@code bytes(size, seed)} makes in the page. */
	static byte[] bytes(int size, int seed) {
		byte[] b = new byte[size];
		for (int i = 0; i < size; i++) {
			b[i] = (byte) ((i * 31 + seed) & 255);
		}
		return b;
	}

	static List<Object> list(Object... items) {
		return List.of(items);
	}

	/** The trimmed text of the element with this id. */
	static String text(ChromeDriver browser, String id) {
		return browser.findElement(By.id(id)).getText().trim();
	}

	/** Whether the table (by id) lists a row of this name; looked up in the page in one step. */
	static boolean rowPresent(ChromeDriver browser, String table, String name) {
		return rowWith(browser, table, "name", name) != null;
	}

	/**
	 * The table's first row whose {@code data-<key>} is {@code value}, or null. Looked up in the page
	 * in one step: the tables are re-rendered after every change.
	 */
	static WebElement rowWith(ChromeDriver browser, String table, String key, String value) {
		return (WebElement) browser.executeScript("return Array.from(document.querySelectorAll('#' + arguments[0] + "
				+ "' tbody tr')).find((tr) => tr.dataset[arguments[1]] === arguments[2]) || null", table, key, value);
	}

	/** The table's row of this name; fails when there is none. */
	static WebElement row(ChromeDriver browser, String table, String name) {
		WebElement row = rowWith(browser, table, "name", name);
		if (row == null) {
			throw new AssertionError("no row " + name + " in " + table);
		}
		return row;
	}

	/** The button for {@code action} ({@code data-action}) in the table's row of this name. */
	static WebElement action(ChromeDriver browser, String table, String name, String action) {
		return row(browser, table, name).findElement(By.cssSelector("button[data-action=" + action + "]"));
	}

	/** Like {@link #action}, but any element: a download in a share's listing is a link. */
	static WebElement control(ChromeDriver browser, String table, String name, String action) {
		return row(browser, table, name).findElement(By.cssSelector("[data-action=" + action + "]"));
	}
}
