package io.kluis.storage;

import io.kluis.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebDAV client for tests: any method, HTTP Basic with an app password, its own client address
 * (so throttling of one test never touches another).
 */
public final class DavClient {

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final String authorization;

	private final String address = TestServer.uniqueClientAddress();

	public DavClient(String baseUrl, String user, String password) {
		this.baseUrl = baseUrl;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public HttpRequest.Builder request(String method, String path, BodyPublisher body) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", authorization)
			.header(TestServer.X_FORWARDED_FOR, address)
			.method(method, body);
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public HttpResponse<String> put(String path, byte[] content) {
		return send(request("PUT", path, BodyPublishers.ofByteArray(content)));
	}

	public HttpResponse<byte[]> get(String path) {
		return sendForBytes(request("GET", path, BodyPublishers.noBody()));
	}

	public HttpResponse<String> method(String method, String path) {
		return send(request(method, path, BodyPublishers.noBody()));
	}

	public HttpResponse<String> propfind(String path, String depth, String body) {
		return send(request("PROPFIND", path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
			.header("Depth", depth));
	}
}
