package io.kluis.identity.journey;

import io.kluis.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the JSON API of a running test server (no MockMvc: real requests over
 * the socket, through every filter). Each client comes from its own address, see {@link TestServer}.
 */
final class ApiClient {

	/** A response with its body parsed when it is JSON (null otherwise). */
	record Response(int status, HttpResponse<String> raw, JsonNode json) {

		String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String clientAddress;

	private final Map<String, String> headers = new LinkedHashMap<>();

	ApiClient(String baseUrl, String clientAddress) {
		this.baseUrl = baseUrl;
		this.clientAddress = clientAddress;
	}

	ApiClient(String baseUrl) {
		this(baseUrl, TestServer.uniqueClientAddress());
	}

	private ApiClient(ApiClient from, Map<String, String> headers) {
		this.baseUrl = from.baseUrl;
		this.clientAddress = from.clientAddress;
		this.headers.putAll(from.headers);
		this.headers.putAll(headers);
	}

	/** The same client sending HTTP Basic credentials. */
	ApiClient as(String user, String password) {
		String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return with("Authorization", "Basic " + token);
	}

	/** The same client sending one more header. */
	ApiClient with(String name, String value) {
		return new ApiClient(this, Map.of(name, value));
	}

	Response get(String path) {
		return send(request(path).GET());
	}

	Response delete(String path) {
		return send(request(path).DELETE());
	}

	Response post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.header(TestServer.X_FORWARDED_FOR, clientAddress);
		headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
			return new Response(response.statusCode(), response, json ? JSON.readTree(response.body()) : null);
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
