package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Shared fixtures of the request tests: one Spring context with a hand-moved clock, the public form
 * walked through MockMvc with the real mails (GreenMail), and a privacy officer.
 *
 * <p>The clock starts 120 days in the past and every test moves it forward from there by at most a
 * few months: audit entries and mails are never written in the future of other tests sharing the
 * database (audit retention prunes an unbroken prefix by time). Tests assert on their own rows only.
 */
// The subclasses @Import(TestClock.class): this starts it 120 days in the past.
@TestPropertySource(properties = TestClock.OFFSET + "=-120d")
abstract class RequestsIntegrationTestBase extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	ProcessingRegister register;

	@Autowired
	DataSubjectRequests requests;

	@Autowired
	RequestTimeline timeline;

	@Autowired
	ApplicationContext context;

	TestAccounts fixtures;

	@BeforeEach
	void resetClock() {
		clock.reset();
		fixtures = TestAccounts.in(context);
	}

	static String uniqueEmail(String purpose) {
		return "request-" + purpose + "-" + UUID.randomUUID() + "@example.org";
	}

	/** Posts the public form; returns the redirect target. */
	String submit(RequestKind kind, String email) throws Exception {
		MvcResult result = mvc.perform(post("/requests").with(csrf())
			.param("kind", kind.name())
			.param("email", email)
			.param("name", "Jan Verzoeker")
			.param("message", "Please handle my request."))
			.andReturn();
		return result.getResponse().getRedirectedUrl();
	}

	/** The request stored for an address (found by its blind index, as the engine would). */
	DataSubjectRequest requestFor(String email) {
		UUID id = jdbc.sql("select id from privacy_requests where email_index = ? order by received_at desc")
			.param(requests.emailIndex(EmailAddress.of(email)))
			.query(UUID.class)
			.list()
			.get(0);
		return requests.findById(new RequestId(id)).orElseThrow();
	}

	DataSubjectRequest reload(DataSubjectRequest request) {
		return requests.findById(request.id()).orElseThrow();
	}

	/** Uses the mailed confirmation link as the requester would; returns the status token. */
	String confirmFromMail(String email) throws Exception {
		String token = Mailbox.token(Mailbox.withLink(Mailbox.awaitMails(email, 1), "/requests/confirm"), "/requests/confirm");
		mvc.perform(get("/requests/confirm").param("token", token)).andReturn();
		String location = mvc.perform(post("/requests/confirm").with(csrf()).param("token", token))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/requests/status?token=");
		return URLDecoder.decode(location.substring("/requests/status?token=".length()), StandardCharsets.UTF_8);
	}

	/** Submitted and confirmed at the current clock. */
	DataSubjectRequest confirmedRequest(RequestKind kind, String email) throws Exception {
		submit(kind, email);
		confirmFromMail(email);
		return requestFor(email);
	}

	AccountId privacyOfficer() {
		return fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id();
	}

	MockHttpServletRequestBuilder asStaff(MockHttpServletRequestBuilder request, AccountId staff) {
		return request.with(authentication(fixtures.authentication(staff, true))).with(csrf());
	}

	List<TimelineEntry.Kind> timelineKinds(DataSubjectRequest request) {
		return timeline.of(request).stream().map(TimelineEntry::kind).toList();
	}
}
