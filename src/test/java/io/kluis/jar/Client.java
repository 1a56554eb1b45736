package io.kluis.jar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a client of a Kluis cluster looks like from behind the TLS-terminating proxy: every request
 * carries the proxy's {@code X-Forwarded-Proto: https} and the client's own address in
 * {@code X-Forwarded-For}; cookies (secure ones included) are kept here and sent to whichever node
 * the request goes to, as a load balancer without sticky sessions would.
 */
final class Client {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private final String address;

	Client(String address) {
		this.address = address;
	}

	HttpRequest.Builder request(KluisNode node, String path) {
		var builder = HttpRequest.newBuilder(URI.create(node.base() + path))
			.timeout(Duration.ofMinutes(2))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", address);
		if (!cookies.isEmpty()) {
			builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
				.collect(Collectors.joining("; ")));
		}
		return builder;
	}

	HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), BodyHandlers.ofByteArray());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				int equals = pair.indexOf('=');
				String value = pair.substring(equals + 1);
				if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
					cookies.remove(pair.substring(0, equals));
				}
				else {
					cookies.put(pair.substring(0, equals), value);
				}
			}
			return response;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	HttpResponse<byte[]> send(KluisNode node, String method, String path, BodyPublisher body, String... headers) {
		var request = request(node, path).method(method, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	HttpResponse<byte[]> json(KluisNode node, String method, String path, String json, String... headers) {
		var all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send(node, method, path, BodyPublishers.ofString(json), all);
	}

	/** Fetches a page with a form and posts it back with its CSRF token, as a browser would. */
	HttpResponse<byte[]> submitForm(KluisNode node, String formPage, String action, Map<String, String> fields) {
		var page = send(request(node, formPage).GET());
		var matcher = CSRF.matcher(new String(page.body(), StandardCharsets.UTF_8));
		var form = new LinkedHashMap<>(fields);
		if (matcher.find()) {
			form.put("_csrf", matcher.group(1).replace("&#45;", "-"));
		}
		String body = form.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(node, "POST", action, BodyPublishers.ofString(body), "Content-Type",
				"application/x-www-form-urlencoded");
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}
}
