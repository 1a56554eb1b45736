package io.kluis.crypto.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Epoch keys in an OpenBao or HashiCorp Vault KV version 2 secrets engine, over its HTTP API: the
 * clustered option, where no node keeps key material on its own disk. One secret per epoch under
 * {@code <mount>/data/<path>/<id>}; ending an epoch deletes the secret's metadata, which removes
 * every version of it for good (a plain KV v2 delete would only hide the newest version).
 *
 * <p>The token needs {@code create, read, update, list, delete} on {@code <mount>/data/<path>/*} and
 * {@code <mount>/metadata/<path>/*}.
 */
final class VaultEpochKeyStore implements EpochKeyStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI address;

	private final String token;

	private final String mount;

	private final String path;

	private final HttpClient http;

	VaultEpochKeyStore(URI address, String token, String mount, String path) {
		String base = address.toString();
		this.address = URI.create(base.endsWith("/") ? base : base + "/");
		this.token = token;
		this.mount = strip(mount);
		this.path = strip(path);
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	@Override
	public List<StoredEpoch> list() {
		var response = send(request("v1/" + mount + "/metadata/" + path + "/?list=true").GET());
		if (response.statusCode() == 404) {
			return List.of();
		}
		JsonNode keys = expect(response, "list").path("data").path("keys");
		var epochs = new ArrayList<StoredEpoch>();
		for (JsonNode key : keys) {
			String id = key.asString();
			if (StoredEpoch.ID.matcher(id).matches()) {
				find(id).ifPresent(epochs::add);
			}
		}
		epochs.sort(Comparator.comparing(StoredEpoch::createdAt).thenComparing(StoredEpoch::id));
		return epochs;
	}

	@Override
	public Optional<StoredEpoch> find(String id) {
		if (!StoredEpoch.ID.matcher(id).matches()) {
			return Optional.empty();
		}
		var response = send(request(dataPath(id)).GET());
		if (response.statusCode() == 404) {
			return Optional.empty();
		}
		JsonNode data = expect(response, "read").path("data").path("data");
		if (data.isMissingNode() || data.isNull()) {
			return Optional.empty(); // the newest version was soft-deleted
		}
		String retired = data.path("retired").isString() ? data.path("retired").asString() : null;
		return Optional.of(new StoredEpoch(id, Instant.parse(data.path("created").asString()),
				retired == null ? null : Instant.parse(retired), data.path("masterKey").asString(),
				Base64.getDecoder().decode(data.path("wrapped").asString())));
	}

	@Override
	public void put(StoredEpoch epoch) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("created", epoch.createdAt().toString());
		if (epoch.retiredAt() != null) {
			data.put("retired", epoch.retiredAt().toString());
		}
		data.put("masterKey", epoch.masterKeyId());
		data.put("wrapped", Base64.getEncoder().encodeToString(epoch.wrappedKey()));
		String body = JSON.writeValueAsString(Map.of("data", data));
		expect(send(request(dataPath(epoch.id())).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))), "write");
	}

	@Override
	public void delete(String id) {
		var response = send(request("v1/" + mount + "/metadata/" + path + "/" + id).DELETE());
		if (response.statusCode() != 404) {
			expect(response, "delete");
		}
	}

	@Override
	public String describe() {
		return "Vault KV v2 at " + address + " (" + mount + "/" + path + ")";
	}

	private String dataPath(String id) {
		return "v1/" + mount + "/data/" + path + "/" + id;
	}

	private HttpRequest.Builder request(String relative) {
		return HttpRequest.newBuilder(address.resolve(relative))
			.timeout(Duration.ofSeconds(30))
			.header("X-Vault-Token", token)
			.header("Accept", "application/json");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException("key store unreachable: " + describe() + " (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while talking to the key store");
		}
	}

	private JsonNode expect(HttpResponse<String> response, String operation) {
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			// The body may echo request data; only the status goes into the message.
			throw new IllegalStateException("key store " + operation + " failed with HTTP " + status + ": " + describe());
		}
		return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
	}

	private static String strip(String segment) {
		String s = segment.strip();
		while (s.startsWith("/")) {
			s = s.substring(1);
		}
		while (s.endsWith("/")) {
			s = s.substring(0, s.length() - 1);
		}
		return s;
	}
}
