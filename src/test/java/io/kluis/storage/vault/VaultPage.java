package io.kluis.storage.vault;

import static org.awaitility.Awaitility.await;

import io.kluis.Browser;
import io.kluis.TestServer;
import io.kluis.identity.TestAccounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A logged-in browser page on the test server, and a way to run the panel's own ES modules in it
 * ({@code import('/js/storage/…')}): the vault tests drive exactly the code the file manager uses,
 * in Debian Chromium with its WebCrypto.
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
		browser.findElement(By.id("email")).sendKeys(customer.email());
		browser.findElement(By.id("password")).sendKeys(customer.password());
		browser.findElement(By.id("login")).click();
		await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().endsWith("/panel"));
		open(page);
		return this;
	}

	void open(String page) {
		browser.get(baseUrl + page);
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
}
