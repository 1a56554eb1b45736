package io.kluis.storage.share;

import io.kluis.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A share link's recipient in tests: no account, its own cookies (the grant, the session that holds
 * the CSRF token) and its own client address, like a fresh browser.
 */
final class ShareRecipient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	final String address;

	ShareRecipient(String baseUrl) {
		this(baseUrl, TestServer.uniqueClientAddress());
	}

	ShareRecipient(String baseUrl, String address) {
		this.baseUrl = baseUrl;
		this.address = address;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> bytes(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts the password form of the page at {@code path}, with the CSRF token the page gave. */
	HttpResponse<String> password(String path, String password) {
		String page = get(path).body();
		var token = CSRF.matcher(page.substring(page.indexOf("share-password-form")));
		if (!token.find()) {
			throw new AssertionError("no password form with a CSRF token");
		}
		String form = "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)), HttpResponse.BodyHandlers.ofString());
	}

	/** A POST without the CSRF token. */
	HttpResponse<String> passwordWithoutCsrf(String path, String password) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header(TestServer.X_FORWARDED_FOR, address);
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
		try {
			return client.send(request.build(), handler);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
