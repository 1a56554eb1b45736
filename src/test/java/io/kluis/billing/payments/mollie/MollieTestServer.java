package io.kluis.billing.payments.mollie;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-test HTTP server that answers like Mollie's API v2 as documented: Bearer authentication
 * (401 problem otherwise), {@code POST /v2/payments} with amount validation ({@code value} a string
 * with exactly two decimals, currency EUR, else 422 naming the field), {@code GET /v2/payments/{id}}
 * (404 problem for an unknown id), customers and mandates, problems as {@code application/hal+json}.
 * Payments change state only when the test calls {@link #settle}.
 */
public final class MollieTestServer implements AutoCloseable {

	public static final String API_KEY = "test_kluisContractKey0000000000";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PAYMENT = Pattern.compile("/v2/payments/([^/]+)");

	private static final Pattern CUSTOMER = Pattern.compile("/v2/customers/([^/]+)");

	private static final Pattern MANDATE = Pattern.compile("/v2/customers/([^/]+)/mandates/([^/]+)");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpServer server;

	private final Map<String, Map<String, Object>> payments = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> mandates = new ConcurrentHashMap<>();

	private final Map<String, String> customers = new ConcurrentHashMap<>();

	/** While true, every call gets a 503 (an outage). */
	public volatile boolean down;

	/**
	 * While true, a payment is created but the connection closes before the answer (a timeout or a crash
	 * of Kluis after Mollie acted): what idempotency keys and the CREATING row are for.
	 */
	public volatile boolean loseCreateAnswers;

	/** Idempotency-Key → the payment it created, as Mollie remembers keys (a retry gets the same payment). */
	private final Map<String, String> idempotencyKeys = new ConcurrentHashMap<>();

	/** How many times each payment was fetched: webhook tests check that Kluis asked. */
	private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

	public MollieTestServer() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", this::handle);
		server.start();
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public MollieProperties properties() {
		return new MollieProperties(API_KEY, baseUrl(), java.time.Duration.ofSeconds(2),
				java.time.Duration.ofSeconds(5));
	}

	/** 1 while the customer exists at "Mollie", 0 once deleted. */
	public int customerCount(String customerId) {
		return customers.containsKey(customerId) ? 1 : 0;
	}

	public int fetchesOf(String paymentId) {
		AtomicInteger count = fetches.get(paymentId);
		return count == null ? 0 : count.get();
	}

	/** The customer or bank acts: the payment moves to this status (a paid first payment leaves a mandate). */
	public void settle(String paymentId, String status) {
		Map<String, Object> payment = payments.get(paymentId);
		if (payment == null) {
			throw new IllegalArgumentException("no payment " + paymentId);
		}
		synchronized (payment) {
			payment.put("status", status);
			if (!"open".equals(status) && !"pending".equals(status)) {
				payment.remove("_links_checkout");
				payment.put("isCancelable", false);
			}
			if ("paid".equals(status)) {
				payment.put("paidAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00"));
				if ("first".equals(payment.get("sequenceType"))) {
					String mandateId = "mdt_" + random();
					Map<String, Object> mandate = new LinkedHashMap<>();
					mandate.put("resource", "mandate");
					mandate.put("id", mandateId);
					mandate.put("mode", "test");
					mandate.put("status", "valid");
					mandate.put("method", "directdebit");
					mandate.put("details", Map.of("consumerName", "T. Tester", "consumerAccount", "NL55INGB0000000000",
							"consumerBic", "INGBNL2A"));
					mandate.put("mandateReference", "KLUIS-REF-" + random());
					mandate.put("signatureDate", "2026-12-07");
					mandate.put("customerId", payment.get("customerId"));
					mandates.put(mandateId, mandate);
					payment.put("mandateId", mandateId);
				}
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (down) {
				problem(exchange, 503, "Service Unavailable", "Maintenance", null);
				return;
			}
			String auth = exchange.getRequestHeaders().getFirst("Authorization");
			if (!("Bearer " + API_KEY).equals(auth)) {
				problem(exchange, 401, "Unauthorized Request", "Missing authentication, or failed to authenticate", null);
				return;
			}
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			Matcher m;
			if ("POST".equals(method) && "/v2/payments".equals(path)) {
				String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
				String earlier = key == null ? null : idempotencyKeys.get(key);
				if (earlier != null) {
					Map<String, Object> payment = payments.get(earlier);
					synchronized (payment) {
						send(exchange, 201, render(payment));
					}
					return;
				}
				String created = createPayment(exchange, JSON.readTree(exchange.getRequestBody().readAllBytes()));
				if (key != null && created != null) {
					idempotencyKeys.put(key, created);
				}
			}
			else if ("GET".equals(method) && (m = PAYMENT.matcher(path)).matches()) {
				fetches.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
				Map<String, Object> payment = payments.get(m.group(1));
				if (payment == null) {
					problem(exchange, 404, "Not Found", "No payment exists with token " + m.group(1) + ".", null);
				}
				else {
					synchronized (payment) {
						send(exchange, 200, render(payment));
					}
				}
			}
			else if ("POST".equals(method) && "/v2/customers".equals(path)) {
				String id = "cst_" + random();
				customers.put(id, "");
				send(exchange, 201, Map.of("resource", "customer", "id", id, "mode", "test"));
			}
			else if ("DELETE".equals(method) && (m = CUSTOMER.matcher(path)).matches()) {
				if (customers.remove(m.group(1)) == null) {
					problem(exchange, 404, "Not Found", "No customer exists with token " + m.group(1) + ".", null);
				}
				else {
					// Deleting a customer cancels its mandates (Mollie's documented behaviour).
					String customer = m.group(1);
					mandates.values().removeIf(md -> customer.equals(md.get("customerId")));
					exchange.sendResponseHeaders(204, -1);
				}
			}
			else if ("GET".equals(method) && (m = MANDATE.matcher(path)).matches()) {
				Map<String, Object> mandate = mandates.get(m.group(2));
				if (mandate == null || !m.group(1).equals(mandate.get("customerId"))) {
					problem(exchange, 404, "Not Found", "The mandate does not exist", null);
				}
				else {
					send(exchange, 200, mandate);
				}
			}
			else {
				problem(exchange, 404, "Not Found", "The resource does not exist", null);
			}
		}
		catch (RuntimeException e) {
			problem(exchange, 400, "Bad Request", "The request could not be read", null);
		}
	}

	/** The payments created so far: a retry with the same Idempotency-Key adds none. */
	public int paymentCount() {
		return payments.size();
	}

	/** The ids of the created payments whose metadata names this Kluis payment id. */
	public java.util.List<String> paymentsWithMetadata(String key, String value) {
		return payments.values().stream().filter(p -> p.get("metadata") instanceof Map<?, ?> m && value.equals(m.get(key)))
			.map(p -> (String) p.get("id")).toList();
	}

	/** @return the created payment's id, or null when it was refused */
	private String createPayment(HttpExchange exchange, JsonNode body) throws IOException {
		JsonNode amount = body.path("amount");
		if (!"EUR".equals(amount.path("currency").asString(""))) {
			problem(exchange, 422, "Unprocessable Entity", "The currency is invalid", "amount.currency");
			return null;
		}
		if (!amount.path("value").isString() || !amount.path("value").asString().matches("\\d+\\.\\d{2}")) {
			problem(exchange, 422, "Unprocessable Entity", "The amount contains an invalid value", "amount.value");
			return null;
		}
		if (new java.math.BigDecimal(amount.path("value").asString()).compareTo(new java.math.BigDecimal("50000.00")) > 0) {
			problem(exchange, 422, "Unprocessable Entity", "The amount is higher than the maximum", "amount.value");
			return null;
		}
		if (body.path("description").asString("").isBlank()) {
			problem(exchange, 422, "Unprocessable Entity", "The description is invalid", "description");
			return null;
		}
		String sequenceType = body.path("sequenceType").asString("oneoff");
		if (!"recurring".equals(sequenceType) && !body.path("redirectUrl").isString()) {
			problem(exchange, 422, "Unprocessable Entity", "The redirect URL is missing", "redirectUrl");
			return null;
		}
		String customerId = body.path("customerId").isString() ? body.path("customerId").asString() : null;
		if (!"oneoff".equals(sequenceType) && (customerId == null || !customers.containsKey(customerId))) {
			problem(exchange, 422, "Unprocessable Entity", "The customer is invalid", "customerId");
			return null;
		}
		String mandateId = null;
		if ("recurring".equals(sequenceType)) {
			String wanted = body.path("mandateId").isString() ? body.path("mandateId").asString() : null;
			mandateId = mandates.values()
				.stream()
				.filter(md -> customerId.equals(md.get("customerId")) && "valid".equals(md.get("status")))
				.map(md -> (String) md.get("id"))
				.filter(id -> wanted == null || id.equals(wanted))
				.findFirst()
				.orElse(null);
			if (mandateId == null) {
				problem(exchange, 422, "Unprocessable Entity", "The customer does not have a valid mandate", "mandateId");
				return null;
			}
		}
		String id = "tr_" + random();
		Map<String, Object> payment = new LinkedHashMap<>();
		payment.put("resource", "payment");
		payment.put("id", id);
		payment.put("mode", "test");
		payment.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00"));
		payment.put("amount", Map.of("currency", "EUR", "value", amount.path("value").asString()));
		payment.put("description", body.path("description").asString());
		payment.put("method", null);
		payment.put("metadata", JSON.convertValue(body.path("metadata"), Object.class));
		payment.put("status", "recurring".equals(sequenceType) ? "pending" : "open");
		payment.put("isCancelable", false);
		payment.put("sequenceType", sequenceType);
		payment.put("profileId", "pfl_kluisTest");
		if (customerId != null) {
			payment.put("customerId", customerId);
		}
		if (mandateId != null) {
			payment.put("mandateId", mandateId);
		}
		payment.put("redirectUrl", body.path("redirectUrl").asString(null));
		payment.put("webhookUrl", body.path("webhookUrl").asString(null));
		if (!"recurring".equals(sequenceType)) {
			payment.put("_links_checkout", "https://www.mollie.com/checkout/select-method/" + id.substring(3));
		}
		payments.put(id, payment);
		if (loseCreateAnswers) {
			exchange.close();
			return id;
		}
		send(exchange, 201, render(payment));
		return id;
	}

	private static Map<String, Object> render(Map<String, Object> payment) {
		Map<String, Object> out = new LinkedHashMap<>(payment);
		Object checkout = out.remove("_links_checkout");
		Map<String, Object> links = new LinkedHashMap<>();
		links.put("self", Map.of("href", "https://api.mollie.com/v2/payments/" + payment.get("id"),
				"type", "application/hal+json"));
		if (checkout != null) {
			links.put("checkout", Map.of("href", checkout, "type", "text/html"));
		}
		out.put("_links", links);
		return out;
	}

	private static void problem(HttpExchange exchange, int status, String title, String detail, String field)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("status", status);
		problem.put("title", title);
		problem.put("detail", detail);
		if (field != null) {
			problem.put("field", field);
		}
		problem.put("_links", Map.of("documentation",
				Map.of("href", "https://docs.mollie.com/overview/handling-errors", "type", "text/html")));
		send(exchange, status, problem);
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/hal+json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static String random() {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		var out = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return out.toString();
	}
}
