package io.kluis.identity.credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Have I Been Pwned's Pwned Passwords range API with k-anonymity: only the first 5 hex characters of
 * the password's SHA-1 leave the process; the returned suffixes (about 800–1,000, padded with
 * zero-count decoys by {@code Add-Padding: true} so the response size reveals nothing) are compared
 * locally.
 * <p>
 * Fails open: a timeout (2 s by default), network error or unexpected answer yields
 * {@link Status#UNKNOWN} and a log line with the event code {@value #EVENT_UNAVAILABLE} only, so
 * registration keeps working without internet. Disabled unless
 * {@code kluis.identity.passwords.hibp-enabled=true}; see {@link PwnedPasswords#disabled()}.
 */
public final class HibpRangeClient implements PwnedPasswords {

	public static final URI DEFAULT_BASE_URL = URI.create("https://api.pwnedpasswords.com");

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	static final String EVENT_UNAVAILABLE = "IDENTITY_HIBP_UNAVAILABLE";

	private static final Logger log = LoggerFactory.getLogger(HibpRangeClient.class);

	private final RestClient restClient;

	public HibpRangeClient(URI baseUrl, Duration timeout) {
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
		requestFactory.setReadTimeout(timeout);
		this.restClient = RestClient.builder()
			.baseUrl(baseUrl.toString())
			.requestFactory(requestFactory)
			.defaultHeader("Add-Padding", "true")
			.defaultHeader("User-Agent", "Kluis")
			.build();
	}

	public HibpRangeClient() {
		this(DEFAULT_BASE_URL, DEFAULT_TIMEOUT);
	}

	@Override
	public Status check(CharSequence password) {
		String sha1 = sha1Hex(password);
		String prefix = sha1.substring(0, 5);
		try {
			String body = restClient.get().uri("/range/{prefix}", prefix).retrieve().body(String.class);
			return body == null ? unavailable(null) : contains(body, sha1.substring(5));
		}
		catch (RuntimeException e) {
			return unavailable(e);
		}
	}

	/**
	 * Whether {@code suffix} (35 upper-case hex characters) appears in a range response with a
	 * positive count; padding lines have count 0. Unparseable lines are skipped.
	 */
	static Status contains(String rangeResponse, String suffix) {
		for (String line : rangeResponse.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon == 35 && line.regionMatches(true, 0, suffix, 0, 35)) {
				String count = line.substring(colon + 1).strip();
				return !count.isEmpty() && count.chars().allMatch(Character::isDigit) && !count.matches("0+")
						? Status.BREACHED : Status.NOT_FOUND;
			}
		}
		return Status.NOT_FOUND;
	}

	/** Upper-case hex SHA-1 of the UTF-8 password, the form the API indexes. */
	static String sha1Hex(CharSequence password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest(password.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().withUpperCase().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 unavailable", e);
		}
	}

	private static Status unavailable(@Nullable Exception e) {
		// Event code and exception type only: the message could echo the URL, which holds the prefix.
		log.warn("{} exception={}", EVENT_UNAVAILABLE, e == null ? "empty-body" : e.getClass().getSimpleName());
		return Status.UNKNOWN;
	}
}
