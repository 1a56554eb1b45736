package io.kluis.billing.invoices.vies;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VIES adapter over the European Commission's REST API: {@code POST <url>} (default
 * {@code https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number}) with
 * {@code {"countryCode":"DE","vatNumber":"123456789","requesterMemberStateCode":"NL","requesterNumber":"…"}};
 * the answer carries {@code valid} (boolean), {@code requestIdentifier} (the consultation number, given
 * when the requester's VAT number was sent) and, when a member state could not answer,
 * {@code userError} ({@code MS_UNAVAILABLE}, {@code TIMEOUT}, …). Errors come as
 * {@code {"actionSucceed":false,"errorWrappers":[{"error":"INVALID_INPUT"}]}}.
 *
 * <p>Everything but a clear yes or no ({@code INVALID_INPUT} counts as no) is
 * {@link VatCheck.Status#UNAVAILABLE}: a refused connection, a timeout, a 5xx, an answer that is not JSON.
 * The VAT number is not logged (it can name a sole trader).
 */
public class ViesRestValidator implements VatNumberValidator {

	private static final Logger log = LoggerFactory.getLogger(ViesRestValidator.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Answers that mean "ask again later" (VIES's documented error codes). */
	static final Set<String> UNAVAILABLE = Set.of("SERVICE_UNAVAILABLE", "MS_UNAVAILABLE", "TIMEOUT",
			"GLOBAL_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ_TIME", "MS_MAX_CONCURRENT_REQ",
			"MS_MAX_CONCURRENT_REQ_TIME", "IP_BLOCKED", "VAT_BLOCKED", "SERVER_BUSY");

	private final URI url;

	private final @Nullable String requesterVatNumber;

	private final Duration timeout;

	private final Clock clock;

	private final HttpClient http;

	/**
	 * @param requesterVatNumber the provider's own VAT number (with prefix), sent so VIES returns a
	 *        consultation number; null sends none
	 */
	public ViesRestValidator(URI url, @Nullable String requesterVatNumber, Duration timeout, Clock clock) {
		this.url = url;
		this.requesterVatNumber = requesterVatNumber == null || requesterVatNumber.isBlank() ? null
				: VatNumberValidator.normalise(requesterVatNumber);
		this.timeout = timeout;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public VatCheck check(String vatNumber) {
		String number = VatNumberValidator.normalise(vatNumber);
		if (!FORMAT.matcher(number).matches()) {
			return VatCheck.invalid(clock.instant());
		}
		var body = new LinkedHashMap<String, String>();
		body.put("countryCode", vies(number.substring(0, 2)));
		body.put("vatNumber", number.substring(2));
		if (requesterVatNumber != null && FORMAT.matcher(requesterVatNumber).matches()) {
			body.put("requesterMemberStateCode", vies(requesterVatNumber.substring(0, 2)));
			body.put("requesterNumber", requesterVatNumber.substring(2));
		}
		try {
			var request = HttpRequest.newBuilder(url)
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
				.build();
			var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return interpret(response.statusCode(), response.body());
		}
		catch (IOException | JacksonException e) {
			log.warn("event=billing.vies.unavailable error={}", e.getClass().getSimpleName());
			return VatCheck.unavailable(clock.instant());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return VatCheck.unavailable(clock.instant());
		}
	}

	private VatCheck interpret(int status, String text) {
		var now = clock.instant();
		JsonNode json;
		try {
			json = JSON.readTree(text);
		}
		catch (JacksonException e) {
			log.warn("event=billing.vies.unavailable status={} error=not-json", status);
			return VatCheck.unavailable(now);
		}
		JsonNode errors = json.path("errorWrappers");
		if (errors.isArray() && !errors.isEmpty()) {
			String error = errors.get(0).path("error").asString("");
			return "INVALID_INPUT".equals(error) ? VatCheck.invalid(now) : unavailable(status, error, now);
		}
		if (status / 100 != 2 || !json.path("valid").isBoolean()) {
			return unavailable(status, "unexpected", now);
		}
		if (json.path("valid").asBoolean()) {
			String consultation = json.path("requestIdentifier").asString("");
			return VatCheck.valid(now, consultation.isBlank() ? null : consultation);
		}
		String userError = json.path("userError").asString("");
		return UNAVAILABLE.contains(userError) ? unavailable(status, userError, now) : VatCheck.invalid(now);
	}

	private static VatCheck unavailable(int status, String error, java.time.Instant now) {
		log.warn("event=billing.vies.unavailable status={} error={}", status, error.replaceAll("[^A-Z_a-z-]", ""));
		return VatCheck.unavailable(now);
	}

	/** VIES names Greece EL, not GR. */
	static String vies(String country) {
		return "GR".equals(country) ? "EL" : country;
	}
}
