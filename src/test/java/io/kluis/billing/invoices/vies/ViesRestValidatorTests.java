package io.kluis.billing.invoices.vies;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract against the VIES REST adapter, talking to an in-test server that answers like the
 * documented {@code POST /check-vat-number}: {@code {"countryCode","vatNumber","requestDate","valid",
 * "requestIdentifier","name","address","userError"}} and, for errors,
 * {@code {"actionSucceed":false,"errorWrappers":[{"error":"…"}]}}. Plus what only a network adapter
 * can meet: a server that is down, a 5xx, an answer that is not JSON.
 */
class ViesRestValidatorTests extends VatNumberValidatorContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final Map<String, String> known = new ConcurrentHashMap<>();

	final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	volatile int forcedStatus;

	volatile String forcedBody;

	HttpServer server;

	ViesRestValidator adapter;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/taxation_customs/vies/rest-api/check-vat-number", this::answer);
		server.start();
		adapter = new ViesRestValidator(url(server.getAddress().getPort()), "NL000099998B57", Duration.ofSeconds(2), clock);
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	static URI url(int port) {
		return URI.create("http://127.0.0.1:" + port + "/taxation_customs/vies/rest-api/check-vat-number");
	}

	private void answer(HttpExchange exchange) throws IOException {
		String reply;
		int status = 200;
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				status = 405;
				reply = "{}";
			}
			else if (forcedBody != null) {
				status = forcedStatus;
				reply = forcedBody;
			}
			else {
				JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
				requests.add(body);
				String country = body.path("countryCode").asString("");
				String number = body.path("vatNumber").asString("");
				if (!country.matches("[A-Z]{2}") || number.isEmpty()) {
					status = 400;
					reply = "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"INVALID_INPUT\"}]}";
				}
				else {
					String state = known.getOrDefault(country + number, "INVALID");
					boolean valid = "VALID".equals(state);
					boolean requester = body.hasNonNull("requesterNumber");
					reply = "{\"countryCode\":\"" + country + "\",\"vatNumber\":\"" + number
							+ "\",\"requestDate\":\"2026-12-07T10:00:00.000Z\",\"valid\":" + valid
							+ ",\"requestIdentifier\":\"" + (valid && requester ? "WAPIAAAAZ1234567" : "")
							+ "\",\"name\":\"---\",\"address\":\"---\",\"traderName\":\"---\",\"userError\":\"" + state + "\"}";
				}
			}
			byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	@Override
	VatNumberValidator validator() {
		return adapter;
	}

	@Override
	void registered(String vatNumber) {
		known.put(vies(vatNumber), "VALID");
	}

	@Override
	void unregistered(String vatNumber) {
		known.put(vies(vatNumber), "INVALID");
	}

	@Override
	void memberStateDown(String vatNumber) {
		known.put(vies(vatNumber), "MS_UNAVAILABLE");
	}

	private static String vies(String vatNumber) {
		String n = VatNumberValidator.normalise(vatNumber);
		return ViesRestValidator.vies(n.substring(0, 2)) + n.substring(2);
	}

	@Test
	@DisplayName("BIL-1: the adapter sends country and number apart, with the provider as requester, and keeps the consultation number")
	void sendsTheDocumentedRequest() {
		registered("EL123456789");
		var check = adapter.check("EL 123 456 789");
		assertThat(check.status()).isEqualTo(VatCheck.Status.VALID);
		assertThat(check.consultation()).isEqualTo("WAPIAAAAZ1234567");
		assertThat(requests).singleElement().satisfies(r -> {
			assertThat(r.path("countryCode").asString()).isEqualTo("EL");
			assertThat(r.path("vatNumber").asString()).isEqualTo("123456789");
			assertThat(r.path("requesterMemberStateCode").asString()).isEqualTo("NL");
			assertThat(r.path("requesterNumber").asString()).isEqualTo("000099998B57");
		});
	}

	@Test
	@DisplayName("BIL-1: VIES busy, a 5xx, an answer that is not JSON, or no server at all: unavailable, never invalid")
	void outagesAreUnavailable() throws IOException {
		forcedStatus = 200;
		forcedBody = "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"GLOBAL_MAX_CONCURRENT_REQ\"}]}";
		assertThat(adapter.check("DE123456789").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
		forcedStatus = 500;
		forcedBody = "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"SERVICE_UNAVAILABLE\"}]}";
		assertThat(adapter.check("DE123456789").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
		forcedStatus = 503;
		forcedBody = "<html>Service Unavailable</html>";
		assertThat(adapter.check("DE123456789").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
		forcedStatus = 400;
		forcedBody = "{\"actionSucceed\":false,\"errorWrappers\":[{\"error\":\"INVALID_INPUT\"}]}";
		assertThat(adapter.check("DE123456789").status()).isEqualTo(VatCheck.Status.INVALID);

		int closedPort;
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		var nobody = new ViesRestValidator(url(closedPort), null, Duration.ofSeconds(2), clock);
		assertThat(nobody.check("DE123456789").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
	}
}
