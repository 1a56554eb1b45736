package io.kluis.crypto.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-test HTTP server that answers as a Vault / OpenBao KV version 2 engine mounted at
 * {@code secret/} does (https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2): write
 * ({@code POST data/:path}) adds a version, read ({@code GET data/:path}) gives the newest one as
 * {@code {"data":{"data":…,"metadata":…}}} or 404, list ({@code LIST} or {@code GET ?list=true} on
 * {@code metadata/:path/}) gives {@code {"data":{"keys":[…]}}} or 404 when empty, {@code DELETE
 * data/:path} soft-deletes the newest version (read answers 404, the versions stay), and {@code DELETE
 * metadata/:path} removes every version. Requests without the right {@code X-Vault-Token} get 403.
 */
final class FakeVault implements AutoCloseable {

	static final String TOKEN = "s.test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	/** Path below the mount → versions (null = soft-deleted). */
	final Map<String, List<JsonNode>> secrets = new ConcurrentHashMap<>();

	FakeVault() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/secret/", this::handle);
		server.start();
	}

	URI address() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
				answer(exchange, 403, "{\"errors\":[\"permission denied\"]}");
				return;
			}
			String rest = exchange.getRequestURI().getPath().substring("/v1/secret/".length());
			String query = exchange.getRequestURI().getQuery();
			String method = exchange.getRequestMethod();
			if (rest.startsWith("data/")) {
				String path = rest.substring("data/".length());
				switch (method) {
					case "GET" -> {
						var versions = secrets.get(path);
						JsonNode newest = versions == null ? null : versions.get(versions.size() - 1);
						if (newest == null) {
							answer(exchange, 404, "{\"errors\":[]}");
						}
						else {
							answer(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of("data", newest,
									"metadata", Map.of("version", versions.size())))));
						}
					}
					case "POST", "PUT" -> {
						JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
						var versions = secrets.computeIfAbsent(path, p -> new ArrayList<>());
						versions.add(body.path("data"));
						answer(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of("version", versions.size()))));
					}
					case "DELETE" -> {
						var versions = secrets.get(path);
						if (versions != null) {
							versions.set(versions.size() - 1, null);
						}
						answer(exchange, 204, null);
					}
					default -> answer(exchange, 405, "{\"errors\":[]}");
				}
			}
			else if (rest.startsWith("metadata/")) {
				String path = rest.substring("metadata/".length());
				boolean list = "LIST".equals(method) || ("GET".equals(method) && "list=true".equals(query));
				if (list) {
					String prefix = path.endsWith("/") ? path : path + "/";
					var keys = new TreeMap<String, Boolean>();
					secrets.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> {
						String tail = k.substring(prefix.length());
						keys.put(tail.contains("/") ? tail.substring(0, tail.indexOf('/') + 1) : tail, true);
					});
					if (keys.isEmpty()) {
						answer(exchange, 404, "{\"errors\":[]}");
					}
					else {
						answer(exchange, 200, JSON.writeValueAsString(Map.of("data", Map.of("keys", List.copyOf(keys.keySet())))));
					}
				}
				else if ("DELETE".equals(method)) {
					secrets.remove(path);
					answer(exchange, 204, null);
				}
				else {
					answer(exchange, 405, "{\"errors\":[]}");
				}
			}
			else {
				answer(exchange, 404, "{\"errors\":[]}");
			}
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
