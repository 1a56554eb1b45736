package io.kluis.storage.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.TestServer;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * User content from a separate origin: the panel runs at {@code http://localhost:<port>}, the content
 * origin is {@code http://127.0.0.1:<port>} (the same server under another host name, so the
 * browser's cookies for one never reach the other). A download in the panel is redirected to a
 * short-lived ticket on the content origin; the content origin serves that and WebDAV, nothing else.
 */
@KluisServerTest
@TestPropertySource(properties = { "kluis.storage.content-origin=http://127.0.0.1:${server.port}",
		TestClock.OFFSET + "=-30d" })
@Import(TestClock.class)
class ContentOriginServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Value("${kluis.base-url}")
	String panel;

	@Value("${server.port}")
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	String content;

	StorageCustomers customers;

	TestAccounts.Known customer;

	byte[] page;

	byte[] other;

	final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();

	final String address = TestServer.uniqueClientAddress();

	/** Each test's start: the clock's (a month back), to the second, as the tickets count. */
	Instant start;

	@BeforeEach
	void customerWithAPageInAPlainSpaceAndAFileInTheVault() throws Exception {
		clock.reset();
		start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		clock.set(start);
		content = "http://127.0.0.1:" + port;
		customers = StorageCustomers.in(context);
		customer = customers.verified();
		var files = spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		page = ("<html><script>alert(document.cookie)</script>" + UUID.randomUUID() + "</html>").getBytes(StandardCharsets.UTF_8);
		other = ("other-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		write(files, "page.html", page, "text/html");
		write(files, "other.txt", other, "text/plain");
		write(spaces.find(customer.id(), "vault").orElseThrow(), "ciphertext.c9r", other, null);
		login();
	}

	private void write(io.kluis.storage.files.Space space, String name, byte[] bytes, String type) {
		tree.write(space, FilePath.ofJoined(name), new ByteArrayInputStream(bytes), bytes.length, type,
				FileTree.Precondition.NONE);
	}

	@Test
	@DisplayName("STO-3: a panel download is redirected to the content origin, which serves it as an attachment that "
			+ "cannot run script, without a session or a cookie; the panel's origin sends no bytes of it")
	void panelDownloadLandsOnTheContentOrigin() throws Exception {
		var redirect = browserGet(panel + "/panel/dav/files/page.html");
		assertThat(redirect.statusCode()).isEqualTo(303);
		assertThat(redirect.body()).doesNotContain("alert");
		String location = redirect.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(content + "/content/").doesNotContain("page.html");
		assertThat(browserHead(panel + "/panel/dav/files/page.html").statusCode()).isEqualTo(303);

		var download = fresh(location);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(page);
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(download.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("sandbox"));
		assertThat(download.headers().allValues("Set-Cookie")).isEmpty();

		var viaBrowser = browser.send(HttpRequest.newBuilder(URI.create(location)).header(TestServer.X_FORWARDED_FOR, address).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(viaBrowser.statusCode()).isEqualTo(200);
		var cookies = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore();
		assertThat(cookies.get(URI.create(panel))).as("the browser holds the panel's session").isNotEmpty();
		assertThat(cookies.get(URI.create(content))).as("and nothing for the content origin, which never gets it").isEmpty();
	}

	@Test
	@DisplayName("STO-3: a download ticket names one version of one file and expires after a minute")
	void ticketsExpireAndAreBoundToOneFile() throws Exception {
		String location = browserGet(panel + "/panel/dav/files/page.html").headers().firstValue("Location").orElseThrow();
		String ticket = location.substring(location.lastIndexOf('/') + 1);
		String otherLocation = browserGet(panel + "/panel/dav/files/other.txt").headers().firstValue("Location").orElseThrow();
		assertThat(fresh(otherLocation).body()).isEqualTo(other);

		String payload = new String(Base64.getUrlDecoder().decode(ticket.substring(0, ticket.indexOf('.'))), StandardCharsets.UTF_8);
		String otherTicket = otherLocation.substring(otherLocation.lastIndexOf('/') + 1);
		String otherPayload = new String(Base64.getUrlDecoder().decode(otherTicket.substring(0, otherTicket.indexOf('.'))),
				StandardCharsets.UTF_8);
		String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
				payload.replace(payload.split("\\|")[1], otherPayload.split("\\|")[1]).getBytes(StandardCharsets.UTF_8))
				+ ticket.substring(ticket.indexOf('.'));
		assertThat(fresh(content + "/content/" + forged).statusCode()).as("another file under this ticket's signature").isEqualTo(404);
		assertThat(fresh(content + "/content/" + ticket + "x").statusCode()).isEqualTo(404);

		clock.advance(Duration.ofSeconds(59));
		assertThat(fresh(location).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(1));
		assertThat(fresh(location).statusCode()).isEqualTo(404);

		clock.set(start);
		String fresh = browserGet(panel + "/panel/dav/files/page.html").headers().firstValue("Location").orElseThrow();
		write(spaces.find(customer.id(), "files").orElseThrow(), "page.html", other, "text/plain");
		assertThat(fresh(fresh).statusCode()).as("a new version needs a new ticket").isEqualTo(404);
	}

	@Test
	@DisplayName("STO-3: the content origin serves content and WebDAV only: no panel, no login, no session cookie; "
			+ "WebDAV with an app password works on both origins; staff cannot read a customer's file over WebDAV")
	void theContentOriginServesNothingElse() throws Exception {
		for (String path : new String[] { "/", "/login", "/panel", "/panel/files", "/panel/dav/files/page.html", "/admin",
				"/api/v1/me", "/content/", "/css/kluis.css" }) {
			var response = fresh(content + path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
		}
		String secret = customers.withAppPassword(customer, "laptop").appPassword();
		for (String origin : new String[] { panel, content }) {
			var dav = basic(origin + "/dav/files/page.html", customer.email(), secret);
			assertThat(dav.statusCode()).as(origin).isEqualTo(200);
			assertThat(dav.body()).isEqualTo(page);
		}
		var admin = customers.accounts().staff(Set.of(Role.ADMIN, Role.SUPPORT, Role.PRIVACY_OFFICER));
		String staffSecret = customers.withAppPassword(admin, "laptop").appPassword();
		for (String origin : new String[] { panel, content }) {
			assertThat(basic(origin + "/dav/files/page.html", admin.email(), staffSecret).statusCode()).isEqualTo(404);
			assertThat(basic(origin + "/dav/vault/ciphertext.c9r", admin.email(), staffSecret).statusCode()).isEqualTo(404);
		}
	}

	@Test
	@DisplayName("STO-1: the vault client's ciphertext fetches stay on the panel's origin with the session (never rendered)")
	void vaultCiphertextStaysOnThePanel() throws Exception {
		var response = browserGet(panel + "/panel/dav/vault/ciphertext.c9r");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/octet-stream"));
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
	}

	private void login() throws Exception {
		var form = browserGet(panel + "/login");
		Matcher m = CSRF.matcher(form.body());
		assertThat(m.find()).isTrue();
		String body = Map.of("email", customer.email(), "password", customer.password(), "_csrf", m.group(1)).entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		var response = browser.send(HttpRequest.newBuilder(URI.create(panel + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").header(TestServer.X_FORWARDED_FOR, address)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/panel");
	}

	private HttpResponse<String> browserGet(String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header(TestServer.X_FORWARDED_FOR, address).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<Void> browserHead(String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header(TestServer.X_FORWARDED_FOR, address)
			.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
	}

	/** A request without any cookie, as a browser sends it to another host. */
	private HttpResponse<byte[]> fresh(String url) throws Exception {
		return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
			.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> basic(String url, String user, String password) throws Exception {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Basic " + credentials).header(TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress())
			.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}
}
