package io.kluis.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.shared.web.MessageBundles;
import io.kluis.shared.web.WebSecurityContribution;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 9 §1: a module plugs its web security and messages in by contribution, without editing
 * identity. A stand-in for billing contributes a payment webhook (public, stateless, no CSRF), a
 * public page with one CSRF exemption, an extra HTTP method and a message bundle; the assembled
 * chains, firewall and message source honour each, and refuse what was not declared.
 */
@KluisServerTest
@Import(WebContributionServerTests.BillingStandIn.class)
class WebContributionServerTests {

	@Value("${kluis.base-url}")
	String base;

	@Autowired
	MessageSource messages;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	final String address = TestServer.uniqueClientAddress();

	@Test
	@DisplayName("a contributed webhook is reached without login or CSRF token, and sets no cookie")
	void aContributedWebhookIsPublicAndStateless() throws Exception {
		var response = send("POST", "/test-billing/webhooks/payment", "id=tr_1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("received");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	@Test
	@DisplayName("a contributed CSRF exemption accepts a POST without token; its neighbour on the public page still needs one")
	void aContributedCsrfExemptionIsHonouredAndNothingElse() throws Exception {
		assertThat(send("POST", "/test-billing/public/exempt", "x=1").statusCode()).isEqualTo(200);
		assertThat(send("POST", "/test-billing/public/guarded", "x=1").statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("an undeclared (mapped) path of the stand-in stays behind the login")
	void anUndeclaredPathNeedsTheLogin() throws Exception {
		var response = send("GET", "/test-billing/invoices", null);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	@DisplayName("a contributed HTTP method passes the firewall; an undeclared one is refused with 400")
	void aContributedMethodPassesTheFirewall() throws Exception {
		assertThat(send("REPORT", "/test-billing/public/exempt", null).statusCode()).isNotEqualTo(400);
		assertThat(send("BREW", "/test-billing/public/exempt", null).statusCode()).isEqualTo(400);
		// storage's WebDAV methods still pass: PROPFIND on /dav asks for credentials
		assertThat(send("PROPFIND", "/dav/", null).statusCode()).isEqualTo(401);
	}

	@Test
	@DisplayName("a contributed message bundle resolves in Dutch and English, beside the modules' own bundles")
	void contributedAndModuleBundlesResolveInBothLanguages() {
		var nl = Locale.forLanguageTag("nl");
		assertThat(messages.getMessage("contribution.test.greeting", null, nl)).isEqualTo("Hallo uit een bijgedragen bundel");
		assertThat(messages.getMessage("contribution.test.greeting", null, Locale.ENGLISH))
			.isEqualTo("Hello from a contributed bundle");
		// one key of every module's bundle: each module declares its own, none is lost in the assembly
		String[][] keys = { { "layout.skip", "Skip to content", "Naar de inhoud" },
				{ "field.email", "Email address", "E-mailadres" }, { "audit.admin.title", "Audit trail", "Auditlog" },
				{ "mail.frame.footer", "Sent by {0} ({1}).", "Verstuurd door {0} ({1})." },
				{ "privacy.policy.title", "Privacy statement", "Privacyverklaring" },
				{ "consent.footer.cookies", "Cookie settings", "Cookie-instellingen" },
				{ "newsletter.title", "Newsletter", "Nieuwsbrief" },
				{ "rights.title", "Your privacy rights", "Uw privacyrechten" },
				{ "requests.title", "Make a privacy request", "Een privacyverzoek doen" },
				{ "retention.admin.title", "Retention", "Bewaartermijnen" }, { "storage.title", "Files", "Bestanden" } };
		for (String[] key : keys) {
			assertThat(messages.getMessage(key[0], null, Locale.ENGLISH)).as(key[0]).isEqualTo(key[1]);
			assertThat(messages.getMessage(key[0], null, nl)).as(key[0]).isEqualTo(key[2]);
		}
	}

	@Test
	@DisplayName("no message key is declared in two bundles, so the order in which modules contribute them never matters")
	void noKeyIsInTwoBundles(@Autowired List<MessageBundles> bundles) throws Exception {
		Map<String, String> owners = new HashMap<>();
		List<String> twice = new ArrayList<>();
		List<String> basenames = new ArrayList<>(List.of("i18n/messages"));
		bundles.forEach(b -> basenames.addAll(b.basenames()));
		for (String basename : basenames) {
			for (String suffix : List.of("", "_nl")) {
				var properties = new Properties();
				try (var in = new ClassPathResource(basename + suffix + ".properties").getInputStream()) {
					properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
				}
				for (String key : properties.stringPropertyNames()) {
					String owner = owners.putIfAbsent(key + suffix, basename);
					if (owner != null && !owner.equals(basename)) {
						twice.add(key + suffix + " in " + owner + " and " + basename);
					}
				}
			}
		}
		assertThat(twice).isEmpty();
	}

	private HttpResponse<String> send(String method, String path, String form) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.header(TestServer.X_FORWARDED_FOR, address)
			.header("Accept", "text/html");
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
		}
		request.method(method, form == null ? BodyPublishers.noBody() : BodyPublishers.ofString(form));
		return http.send(request.build(), BodyHandlers.ofString());
	}

	/** What a billing module would declare, and the endpoints behind it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class BillingStandIn {

		@Bean
		WebSecurityContribution billingStandInSecurity() {
			return WebSecurityContribution.builder("test-billing")
				.publicEndpoint(HttpMethod.POST, "/test-billing/webhooks/payment")
				.publicPages("/test-billing/public/**")
				.csrfExemption(HttpMethod.POST, "/test-billing/public/exempt", "test: the body carries its own proof")
				.httpMethods("REPORT")
				.build();
		}

		@Bean
		MessageBundles billingStandInMessages() {
			return MessageBundles.of("test-billing", "i18n/test-contribution");
		}

		@Bean
		BillingStandInEndpoints billingStandInEndpoints() {
			return new BillingStandInEndpoints();
		}
	}

	@RestController
	static class BillingStandInEndpoints {

		@PostMapping("/test-billing/webhooks/payment")
		String payment(@RequestBody String body) {
			return "received";
		}

		@GetMapping("/test-billing/invoices")
		String invoices() {
			return "invoices";
		}

		@PostMapping({ "/test-billing/public/exempt", "/test-billing/public/guarded" })
		String post() {
			return "ok";
		}
	}
}
