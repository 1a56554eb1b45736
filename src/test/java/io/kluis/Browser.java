package io.kluis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real, headless Debian Chromium driven by the system chromedriver, for browser tests:
 * {@code @ExtendWith(Browser.class)} and a {@link ChromeDriver} parameter on the test method (a fresh
 * browser with an empty profile per test, closed afterwards).
 * <p>
 * Nothing is ever downloaded (Selenium Manager is not used: the driver and the browser binary are
 * both given). When they are missing the test is skipped with the reason on a laptop and fails in
 * CI ({@code CI=true}), where nothing may be skipped silently. Other paths:
 * {@code -Dkluis.test.chromium=…} and {@code -Dkluis.test.chromedriver=…}.
 */
public class Browser implements ExecutionCondition, ParameterResolver {

	static final Path CHROMIUM = Paths.get(System.getProperty("kluis.test.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Paths.get(System.getProperty("kluis.test.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = !Files.isExecutable(CHROMIUM) ? "no Chromium at " + CHROMIUM
				: !Files.isExecutable(CHROMEDRIVER) ? "no chromedriver at " + CHROMEDRIVER : null;
		if (problem == null) {
			return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
		}
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true, so this browser test may not be skipped: " + problem
					+ " (apt-get install chromium chromium-driver)");
		}
		return ConditionEvaluationResult.disabled("Skipped: " + problem + " (apt-get install chromium chromium-driver)");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
		return parameter.getParameter().getType() == ChromeDriver.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
		return extension.getStore(ExtensionContext.Namespace.create(Browser.class))
			.computeIfAbsent(RunningBrowser.class, key -> RunningBrowser.start(), RunningBrowser.class)
			.driver;
	}

	/**
	 * Saves the whole page (not only the window) to {@code target/screenshots/<name>.png}: for people
	 * reviewing the layout, not an assertion.
	 */
	public static Path screenshot(ChromeDriver driver, String name) {
		var window = driver.manage().window();
		Dimension size = window.getSize();
		Object height = driver.executeScript("return document.documentElement.scrollHeight");
		try {
			Files.createDirectories(SCREENSHOTS);
			window.setSize(new Dimension(size.getWidth(), Math.max(size.getHeight(), ((Number) height).intValue() + 150)));
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			window.setSize(size);
		}
	}

	/**
	 * Adds a header to every request the browser makes from now on (through chromedriver's DevTools
	 * endpoint, which needs no Selenium DevTools module), e.g. {@link TestServer#X_FORWARDED_FOR}.
	 */
	public static void sendHeader(ChromeDriver driver, String name, String value) {
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
	}

	/**
	 * Another browser with its own empty profile, for a second person in the same test (a share
	 * link's recipient who never saw the panel). Close it when done.
	 */
	public static Session open() {
		return new Session(RunningBrowser.start());
	}

	/** A browser {@link #open() opened} by the test itself. */
	public static final class Session implements AutoCloseable {

		private final RunningBrowser browser;

		private Session(RunningBrowser browser) {
			this.browser = browser;
		}

		public ChromeDriver driver() {
			return browser.driver;
		}

		@Override
		public void close() throws IOException {
			browser.close();
		}
	}

	/** One browser process and its throw-away profile; closed by JUnit when the test ends. */
	private static final class RunningBrowser implements AutoCloseable {

		private final ChromeDriver driver;

		private final Path profile;

		private RunningBrowser(ChromeDriver driver, Path profile) {
			this.driver = driver;
			this.profile = profile;
		}

		static RunningBrowser start() {
			Path profile;
			try {
				profile = Files.createTempDirectory("kluis-chromium-");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--no-first-run", "--no-default-browser-check", "--window-size=1280,1024",
						"--lang=en-GB", "--user-data-dir=" + profile.toAbsolutePath());
			// No password manager or "save password?" bubbles: the walk types real passwords.
			options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
					"profile.password_manager_enabled", false));
			var driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new RunningBrowser(driver, profile);
		}

		@Override
		public void close() throws IOException {
			try {
				driver.quit();
			}
			finally {
				try (Stream<Path> files = Files.walk(profile)) {
					files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
				}
			}
		}
	}
}
