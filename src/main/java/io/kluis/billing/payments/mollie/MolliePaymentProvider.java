package io.kluis.billing.payments.mollie;

import io.kluis.billing.payments.EuroAmount;
import io.kluis.billing.payments.PaymentProvider;
import io.kluis.billing.payments.PaymentProviderException;
import io.kluis.billing.payments.PaymentRequest;
import io.kluis.billing.payments.PaymentStatus;
import io.kluis.billing.payments.ProviderMandate;
import io.kluis.billing.payments.ProviderPayment;
import io.kluis.billing.payments.SequenceType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mollie's Payments, Customers and Mandates API (v2) with Spring's {@link RestClient} over the JDK
 * HTTP client. Amounts travel as {@code {"currency":"EUR","value":"10.00"}}; errors arrive as
 * {@code application/hal+json} problem documents and become a {@link PaymentProviderException} that
 * names the status, the problem's title and the field, never its free-text detail. The API key goes
 * in the {@code Authorization} header only and is never logged; ids are checked against Mollie's
 * format before they reach a URL.
 */
public final class MolliePaymentProvider implements PaymentProvider {

	public static final String NAME = "mollie";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PAYMENT_ID = Pattern.compile("tr_[A-Za-z0-9]{1,64}");

	private static final Pattern CUSTOMER_ID = Pattern.compile("cst_[A-Za-z0-9]{1,64}");

	private static final Pattern MANDATE_ID = Pattern.compile("mdt_[A-Za-z0-9]{1,64}");

	/** Mollie's answers are small; anything larger is not Mollie. */
	private static final int MAX_RESPONSE = 1024 * 1024;

	private final RestClient http;

	public MolliePaymentProvider(MollieProperties properties) {
		if (!properties.configured()) {
			throw new IllegalArgumentException("kluis.billing.mollie.api-key is not set");
		}
		var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
		requestFactory.setReadTimeout(properties.readTimeout());
		this.http = RestClient.builder()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
			.defaultHeader(HttpHeaders.USER_AGENT, "Kluis")
			.defaultHeader(HttpHeaders.ACCEPT, "application/hal+json, application/json")
			.build();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public ProviderPayment create(PaymentRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("amount", Map.of("currency", EuroAmount.CURRENCY, "value", request.amount().plain()));
		body.put("description", request.description());
		if (request.redirectUrl() != null) {
			body.put("redirectUrl", request.redirectUrl().toString());
		}
		body.put("webhookUrl", request.webhookUrl().toString());
		body.put("metadata", request.metadata());
		body.put("sequenceType", request.sequenceType().apiName());
		if (request.customerId() != null) {
			body.put("customerId", request.customerId());
		}
		if (request.mandateId() != null) {
			body.put("mandateId", request.mandateId());
		}
		return payment(call("POST", "/v2/payments", body, request.idempotencyKey()));
	}

	@Override
	public ProviderPayment fetch(String providerPaymentId) {
		if (!PAYMENT_ID.matcher(providerPaymentId).matches()) {
			throw new PaymentProviderException(404, "Not Found", null);
		}
		return payment(call("GET", "/v2/payments/" + providerPaymentId, null));
	}

	@Override
	public String createCustomer(String accountReference) {
		JsonNode customer = call("POST", "/v2/customers", Map.of("metadata", Map.of("account", accountReference)));
		return text(customer, "id");
	}

	@Override
	public Optional<ProviderMandate> mandate(String customerId, String mandateId) {
		if (!CUSTOMER_ID.matcher(customerId).matches() || !MANDATE_ID.matcher(mandateId).matches()) {
			return Optional.empty();
		}
		JsonNode mandate;
		try {
			mandate = call("GET", "/v2/customers/" + customerId + "/mandates/" + mandateId, null);
		}
		catch (PaymentProviderException e) {
			if (e.isNotFound()) {
				return Optional.empty();
			}
			throw e;
		}
		JsonNode details = mandate.path("details");
		return Optional.of(new ProviderMandate(text(mandate, "id"), customerId, text(mandate, "status"),
				text(mandate, "method"), optional(details, "consumerAccount"), optional(mandate, "mandateReference")));
	}

	@Override
	public void deleteCustomer(String customerId) {
		if (!CUSTOMER_ID.matcher(customerId).matches()) {
			return;
		}
		try {
			call("DELETE", "/v2/customers/" + customerId, null);
		}
		catch (PaymentProviderException e) {
			if (!e.isNotFound()) {
				throw e;
			}
		}
	}

	private JsonNode call(String method, String path, @Nullable Object body) {
		return call(method, path, body, null);
	}

	/**
	 * @param idempotencyKey Mollie's {@code Idempotency-Key} header: a retried POST with the same key gets
	 * the first call's answer instead of creating a second payment
	 */
	private JsonNode call(String method, String path, @Nullable Object body, @Nullable String idempotencyKey) {
		try {
			var spec = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
			if (idempotencyKey != null) {
				spec = spec.header(IDEMPOTENCY_KEY, idempotencyKey);
			}
			if (body != null) {
				spec = spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
			}
			return spec.exchange((request, response) -> {
				int status = response.getStatusCode().value();
				String text = read(response.getBody());
				if (status >= 200 && status < 300) {
					return parse(text);
				}
				throw problem(status, text);
			}, true);
		}
		catch (PaymentProviderException e) {
			throw e;
		}
		catch (RuntimeException e) {
			// The cause may name the host, never the key or the body; keep only its type.
			throw new PaymentProviderException("payment provider unreachable (" + e.getClass().getSimpleName() + ")", e);
		}
	}

	private static String read(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_RESPONSE + 1);
		if (bytes.length > MAX_RESPONSE) {
			throw new PaymentProviderException(502, "Response too large", null);
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static JsonNode parse(String text) {
		if (text.isBlank()) {
			// 204 No Content (a delete).
			return tools.jackson.databind.node.MissingNode.getInstance();
		}
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException e) {
			throw new PaymentProviderException(502, "Unreadable response", null);
		}
	}

	/** Mollie's problem document: {@code status}, {@code title}, {@code detail}, {@code field}. */
	private static PaymentProviderException problem(int status, String text) {
		String title = "Error";
		String field = null;
		try {
			JsonNode problem = JSON.readTree(text);
			String t = optional(problem, "title");
			if (t != null && t.length() <= 100 && t.matches("[A-Za-z0-9 .,'-]*")) {
				title = t;
			}
			String f = optional(problem, "field");
			if (f != null && f.matches("[A-Za-z0-9_.\\[\\]]{1,100}")) {
				field = f;
			}
		}
		catch (JacksonException e) {
			// Not a problem document (a proxy's error page): the status says enough.
		}
		return new PaymentProviderException(status, title, field);
	}

	private static ProviderPayment payment(JsonNode p) {
		try {
			String checkout = p.path("_links").path("checkout").path("href").isString()
					? p.path("_links").path("checkout").path("href").asString() : null;
			Map<String, String> metadata = new LinkedHashMap<>();
			JsonNode meta = p.path("metadata");
			if (meta.isObject()) {
				for (var entry : meta.properties()) {
					if (entry.getValue().isValueNode()) {
						metadata.put(entry.getKey(), entry.getValue().asString());
					}
				}
			}
			String sequence = optional(p, "sequenceType");
			String paidAt = optional(p, "paidAt");
			return new ProviderPayment(text(p, "id"), PaymentStatus.fromApiName(text(p, "status")),
					EuroAmount.of(text(p.path("amount"), "value")),
					sequence == null ? SequenceType.ONEOFF : SequenceType.fromApiName(sequence),
					checkout == null ? null : URI.create(checkout), optional(p, "customerId"), optional(p, "mandateId"),
					paidAt == null ? null : OffsetDateTime.parse(paidAt).toInstant(), metadata);
		}
		catch (RuntimeException e) {
			if (e instanceof PaymentProviderException pe) {
				throw pe;
			}
			throw new PaymentProviderException(502, "Unexpected payment document", null);
		}
	}

	private static String text(JsonNode node, String field) {
		String value = optional(node, field);
		if (value == null) {
			throw new PaymentProviderException(502, "Missing " + field, null);
		}
		return value;
	}

	private static @Nullable String optional(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}
}
