package io.kluis.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.storage.DavClient;
import io.kluis.storage.StorageCustomers;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The storage API: spaces, usage, trash with restore, as an API client with an app password uses it. */
@KluisServerTest
class StorageApiServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	DavClient client;

	@BeforeEach
	void customer() {
		client = StorageCustomers.in(context).withAppPassword("api").dav();
	}

	@Test
	@DisplayName("A new customer has a vault; a plain space can be created, listed and deleted with confirmation")
	void spaces() {
		assertThat(json(client.method("GET", "/api/v1/spaces").body()).toString()).contains("\"name\":\"vault\"",
				"\"kind\":\"VAULT\"");
		var created = post("/api/v1/spaces", "{\"name\":\"backup\",\"kind\":\"PLAIN\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/spaces/backup");
		assertThat(post("/api/v1/spaces", "{\"name\":\"backup\"}").statusCode()).isEqualTo(409);
		var invalid = post("/api/v1/spaces", "{\"name\":\"../etc\"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("lower-case");
		assertThat(client.method("DELETE", "/api/v1/spaces/backup").statusCode()).isEqualTo(400);
		assertThat(client.method("DELETE", "/api/v1/spaces/backup?confirm=backup").statusCode()).isEqualTo(204);
		assertThat(client.method("GET", "/api/v1/spaces/backup/trash").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("A deleted file is listed in the trash, restored to where it was, and usage counts it all along")
	void trashRestore() {
		post("/api/v1/spaces", "{\"name\":\"docs\"}");
		client.method("MKCOL", "/dav/docs/letters");
		client.put("/dav/docs/letters/offer.txt", "dear customer".getBytes(StandardCharsets.UTF_8));
		client.method("DELETE", "/dav/docs/letters/offer.txt");
		assertThat(json(client.method("GET", "/api/v1/storage").body()).get("usedBytes").asLong()).isEqualTo(13);

		JsonNode trash = json(client.method("GET", "/api/v1/spaces/docs/trash").body());
		assertThat(trash).hasSize(1);
		assertThat(trash.get(0).get("name").asString()).isEqualTo("offer.txt");
		String id = trash.get(0).get("id").asString();

		assertThat(client.method("POST", "/api/v1/spaces/docs/trash/" + id + "/restore").statusCode()).isEqualTo(204);
		assertThat(new String(client.get("/dav/docs/letters/offer.txt").body(), StandardCharsets.UTF_8))
			.isEqualTo("dear customer");
		assertThat(json(client.method("GET", "/api/v1/spaces/docs/trash").body())).isEmpty();
		assertThat(client.method("POST", "/api/v1/spaces/docs/trash/" + id + "/restore").statusCode()).isEqualTo(404);

		client.method("DELETE", "/dav/docs/letters/offer.txt");
		String again = json(client.method("GET", "/api/v1/spaces/docs/trash").body()).get(0).get("id").asString();
		assertThat(client.method("DELETE", "/api/v1/spaces/docs/trash/" + again).statusCode()).isEqualTo(204);
		assertThat(json(client.method("GET", "/api/v1/storage").body()).get("usedBytes").asLong()).isZero();
	}

	private java.net.http.HttpResponse<String> post(String path, String body) {
		return client.send(client.request("POST", path, BodyPublishers.ofString(body))
			.header("Content-Type", "application/json"));
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}
}
