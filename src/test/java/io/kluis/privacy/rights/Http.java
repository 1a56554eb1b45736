package io.kluis.privacy.rights;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HTTP client for a running test server: as a browser (cookies, CSRF tokens from the last
 * page, no redirects followed) or as an API client (HTTP Basic, extra headers). Each instance comes
 * from its own client address, so login throttling of one test cannot touch another.
 */
final class Http {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final String address = TestServer.uniqueClientAddress();

	private final Map<String, String> headers = new LinkedHashMap<>();

	private String csrf = "";

	Http(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	Http basic(String user, String password) {
		headers.put("Authorization", "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		return this;
	}

	Http header(String name, String value) {
		headers.put(name, value);
		return this;
	}

	HttpResponse<String> get(String path) {
		var response = send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
		Matcher m = CSRF.matcher(response.body());
		if (m.find()) {
			csrf = m.group(1);
		}
		return response;
	}

	HttpResponse<byte[]> getBytes(String path) {
		return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** A form POST with the CSRF token of the last page fetched. */
	HttpResponse<String> form(String path, Map<String, String> fields) {
		var all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrf);
		String body = all.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> delete(String path) {
		return send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
	}

	/** Logs in through the login form; true when it led to the panel. */
	boolean login(String email, String password) {
		get("/login");
		var response = form("/login", Map.of("email", email, "password", password));
		return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").endsWith("/panel");
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept-Language", "en")
			.header(TestServer.X_FORWARDED_FOR, address);
		headers.forEach(builder::header);
		return builder;
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
