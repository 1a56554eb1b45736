package io.kluis.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.privacy.ConsentAction;
import io.kluis.privacy.ConsentRecord;
import io.kluis.privacy.policy.PolicyAnnouncements;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterVersion;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import io.kluis.privacy.register.Text;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CON-2 with POL-2: a cookie choice made before the latest significant policy version is asked
 * again, with the previous choice pre-ticked and still in force until the visitor answers; versions
 * that are not significant never ask again. Runs in the policy-test context, whose tests publish
 * versions anyway.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kluis.privacy.register-location=classpath:privacy/test-register-policy.yml")
class CookieChoiceRenewalIntegrationTests extends WithMailbox {

	static final String PAGE = "/newsletter?lang=en";

	@Autowired
	MockMvc mvc;

	@Autowired
	PublishedPolicy policy;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	PolicyAnnouncements announcements;

	@Test
	@DisplayName("CON-2, POL-2: after a significant policy change the banner asks again, the earlier choice pre-ticked "
			+ "and in force until the visitor saves a new one; an insignificant change asks nobody")
	void aSignificantChangeAsksAgain() throws Exception {
		policy.current();
		Cookie chosen = choose("custom", true);
		CookieChoice first = CookieChoice.parse(chosen.getValue()).orElseThrow();
		assertThat(first.granted()).containsExactly(CookieCategory.ANALYTICAL);
		assertThat(page(chosen)).doesNotContain("id=\"consent-banner\"");

		RegisterVersion minor = policy.publish(change("Kleine wijziging " + UUID.randomUUID(), false));
		assertThat(minor.number()).isGreaterThan(first.policyVersion());
		assertThat(page(chosen)).as("not significant: nobody is asked again").doesNotContain("id=\"consent-banner\"");

		RegisterVersion significant = publishSignificant("Nieuwe analysedienst " + UUID.randomUUID());
		var renewal = mvc.perform(get(PAGE).cookie(chosen)).andReturn().getResponse();
		String html = renewal.getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("id=\"consent-banner\"", "id=\"consent-renewal\"",
				"Our privacy statement has changed significantly");
		assertThat(checkbox(html, "consent-analytical")).as("the earlier choice, pre-ticked").contains("checked");
		assertThat(checkbox(html, "consent-functional")).doesNotContain("checked");
		assertThat(CookieConsentIntegrationTests.cookieNames(renewal)).as("the earlier choice is still in force")
			.contains(VisitStatistics.COOKIE);

		Cookie renewed = choose("custom", false, chosen);
		CookieChoice second = CookieChoice.parse(renewed.getValue()).orElseThrow();
		assertThat(second.consentId()).isEqualTo(first.consentId());
		assertThat(second.policyVersion()).isGreaterThanOrEqualTo(significant.number());
		assertThat(page(renewed)).doesNotContain("id=\"consent-banner\"");
		assertThat(ledger.ofSubjectKey(first.consentId())).extracting(ConsentRecord::action)
			.containsExactly(ConsentAction.CHOSEN, ConsentAction.WITHDRAWN);
	}

	@Test
	@DisplayName("CON-2, POL-2: a choice stored before choices carried a version is asked again once a significant version exists")
	void aChoiceWithoutVersionIsAskedAgainAfterASignificantChange() throws Exception {
		publishSignificant("Ingrijpend " + UUID.randomUUID());
		Cookie legacy = new Cookie(CookieChoice.COOKIE, "1." + UUID.randomUUID() + ".fc");
		String html = page(legacy);
		assertThat(html).contains("id=\"consent-renewal\"");
		assertThat(checkbox(html, "consent-functional")).contains("checked");
		assertThat(checkbox(html, "consent-commercial")).contains("checked");
		assertThat(checkbox(html, "consent-analytical")).doesNotContain("checked");
	}

	/**
	 * Publishes a significant version and announces it, as the scheduler would, so that no later
	 * test in this context finds an announcement of ours still pending.
	 */
	private RegisterVersion publishSignificant(String marker) {
		RegisterVersion version = policy.publish(change(marker, true));
		announcements.announcePending();
		return version;
	}

	private Cookie choose(String choice, boolean analytical, Cookie... previous) throws Exception {
		var request = post("/consent/cookies").with(csrf()).param("choice", choice).param("returnTo", "/newsletter");
		if (analytical) {
			request.param("analytical", "true");
		}
		if (previous.length > 0) {
			request.cookie(previous);
		}
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(303);
		return new Cookie(CookieChoice.COOKIE, CookieConsentIntegrationTests.setCookie(response, CookieChoice.COOKIE));
	}

	private String page(Cookie choice) throws Exception {
		var response = mvc.perform(get(PAGE).cookie(choice)).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The banner's checkbox input element for a category. */
	private static String checkbox(String html, String id) {
		int at = html.indexOf("id=\"" + id + "\"");
		assertThat(at).as(id).isPositive();
		return html.substring(html.lastIndexOf("<input", at), html.indexOf('>', at) + 1);
	}

	private ProcessingRegister change(String marker, boolean significant) {
		return change(policy.register(), marker, significant);
	}

	/** The register with its first purpose renamed to the marker, as a significant version or not. */
	static ProcessingRegister change(ProcessingRegister register, String marker, boolean significant) {
		var purposes = new ArrayList<>(register.purposes());
		var first = purposes.get(0);
		purposes.set(0, new ProcessingRegister.Purpose(first.id(), new Text(marker, marker), first.description(),
				first.legalBasis(), first.legitimateInterest(), first.categories(), first.subjects()));
		return new ProcessingRegister(new ProcessingRegister.Version(significant, new Text(marker, marker)),
				register.provider(), register.subjects(), register.categories(), purposes, register.recipients(),
				register.retention(), register.cookies(), register.statements());
	}
}
