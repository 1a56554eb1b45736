package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestClock;
import io.kluis.identity.Role;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;

/** The public form and the email check (RIG-7), former customers (RIG-8), the complaint route (RIG-9). */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class RequestIntakeIntegrationTests extends RequestsIntegrationTestBase {

	@Test
	@DisplayName("RIG-7: a request from the public form is confirmed by the mailed link and enters the queue, due one calendar month later")
	void aConfirmedRequestEntersTheQueueDueOneMonthLater() throws Exception {
		String email = uniqueEmail("access");
		assertThat(submit(RequestKind.ACCESS, email)).isEqualTo("/requests/sent");
		DataSubjectRequest received = requestFor(email);
		assertThat(received.state()).isEqualTo(RequestState.AWAITING_CONFIRMATION);
		var officer = privacyOfficer();
		assertThat(mvc.perform(asStaff(get("/admin/privacy/requests"), officer)).andReturn().getResponse().getContentAsString())
			.doesNotContain(received.id().toString());

		clock.advance(java.time.Duration.ofHours(3));
		String statusToken = confirmFromMail(email);

		DataSubjectRequest confirmed = reload(received);
		assertThat(confirmed.state()).isEqualTo(RequestState.OPEN);
		assertThat(confirmed.identityCheck()).isEqualTo(IdentityCheck.EMAIL_CONFIRMED);
		var amsterdam = ZoneId.of("Europe/Amsterdam");
		assertThat(confirmed.deadline().due()).isEqualTo(clock.instant().atZone(amsterdam).plusMonths(1).toInstant());
		String dueDate = confirmed.deadline().due().atZone(amsterdam).toLocalDate().toString();
		assertThat(mvc.perform(asStaff(get("/admin/privacy/requests"), officer)).andReturn().getResponse().getContentAsString())
			.contains(confirmed.id().toString(), dueDate);
		assertThat(mvc.perform(get("/requests/status").param("token", statusToken)).andReturn().getResponse()
			.getContentAsString()).contains(confirmed.id().reference(), dueDate);
		assertThat(Mailbox.withLink(Mailbox.awaitMails(email, 2), "/requests/status")).isNotNull();
		assertThat(timelineKinds(confirmed)).containsExactly(TimelineEntry.Kind.RECEIVED, TimelineEntry.Kind.CONFIRMED);
	}

	@Test
	@DisplayName("RIG-7: the confirmation link works once; an unknown status token shows nothing")
	void theConfirmationLinkIsSingleUse() throws Exception {
		String email = uniqueEmail("once");
		submit(RequestKind.ERASURE, email);
		confirmFromMail(email);
		String token = Mailbox.token(Mailbox.withLink(Mailbox.to(email), "/requests/confirm"), "/requests/confirm");

		mvc.perform(post("/requests/confirm").with(csrf()).param("token", token)).andExpect(status().isNotFound());
		mvc.perform(get("/requests/status").param("token", token)).andExpect(status().isNotFound());
		mvc.perform(get("/requests/status").param("token", "x".repeat(43))).andExpect(status().isNotFound());
	}

	@Test
	@DisplayName("RIG-7: the form answers exactly the same whether or not the address has an account (no enumeration)")
	void theFormAnswersTheSameForKnownAndUnknownAddresses() throws Exception {
		var customer = fixtures.verified();
		String unknown = uniqueEmail("unknown");

		MockHttpServletResponse forKnown = mvc.perform(post("/requests").with(csrf()).param("kind", "ACCESS")
			.param("email", customer.email()).param("message", "What do you hold?")).andReturn().getResponse();
		MockHttpServletResponse forUnknown = mvc.perform(post("/requests").with(csrf()).param("kind", "ACCESS")
			.param("email", unknown).param("message", "What do you hold?")).andReturn().getResponse();

		assertThat(forKnown.getStatus()).isEqualTo(forUnknown.getStatus()).isEqualTo(302);
		assertThat(forKnown.getRedirectedUrl()).isEqualTo(forUnknown.getRedirectedUrl()).isEqualTo("/requests/sent");
		assertThat(forKnown.getContentAsString()).isEqualTo(forUnknown.getContentAsString());
		assertThat(forKnown.getHeaderNames()).containsExactlyInAnyOrderElementsOf(forUnknown.getHeaderNames());
		// Both addresses get the same confirmation mail; only confirming links the account.
		assertThat(Mailbox.withLink(Mailbox.awaitMails(unknown, 1), "/requests/confirm")).isNotNull();
		assertThat(Mailbox.withLink(Mailbox.awaitMails(customer.email(), 1), "/requests/confirm")).isNotNull();
		assertThat(requestFor(customer.email()).account()).isNull();
		confirmFromMail(customer.email());
		assertThat(requestFor(customer.email()).account()).isEqualTo(customer.id());
	}

	@Test
	@DisplayName("RIG-7: an invalid address is refused with 400 and the same page, without storing anything")
	void anInvalidAddressIsRefused() throws Exception {
		var response = mvc.perform(post("/requests").with(csrf()).param("kind", "ACCESS").param("email", "not-an-address")
			.param("message", "x")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("name=\"email\"");
	}

	@Test
	@DisplayName("RIG-8: an access request for an address without an account (a former customer) is accepted, carried out and answered")
	void aRequestWithoutAnAccountIsAcceptedAndAnswered() throws Exception {
		String email = uniqueEmail("former");
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, email);
		String statusToken = statusTokenFromMail(email);
		assertThat(request.account()).isNull();
		var officer = privacyOfficer();

		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/fulfil"), officer))
			.andExpect(status().is3xxRedirection());
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/answer"), officer)
			.param("text", "We keep your invoices until 2031 under art. 52 AWR; nothing else."))
			.andExpect(status().is3xxRedirection());
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/close"), officer))
			.andExpect(status().is3xxRedirection());

		var mails = Mailbox.awaitMails(email, 4);
		assertThat(mails).anySatisfy(m -> assertThat(Mailbox.body(m)).contains("art. 52 AWR"));
		var data = mvc.perform(post("/requests/status/data").with(csrf()).param("token", statusToken))
			.andExpect(status().isOk()).andReturn().getResponse();
		assertThat(data.getContentType()).startsWith("application/json");
		assertThat(data.getContentAsString()).contains("\"schema\" : \"kluis-export/1\"", "\"account\" : null",
				"\"id\" : \"privacy-requests\"");
		String page = mvc.perform(get("/requests/status").param("token", statusToken).param("lang", "en"))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Closed", "art. 52 AWR");
		assertThat(reload(request).state()).isEqualTo(RequestState.CLOSED);
		assertThat(timelineKinds(request)).contains(TimelineEntry.Kind.FULFILLED, TimelineEntry.Kind.ANSWERED,
				TimelineEntry.Kind.CLOSED);
	}

	@Test
	@DisplayName("RIG-9: the form, the confirmation and the status page say how to complain to the Autoriteit Persoonsgegevens, from the register")
	void everyRequestPageSaysHowToComplain() throws Exception {
		var authority = register.provider().supervisoryAuthority();
		String email = uniqueEmail("complaint");
		confirmedRequest(RequestKind.OBJECTION, email);
		String statusToken = statusTokenFromMail(email);
		for (String lang : new String[] { "nl", "en" }) {
			for (var page : new String[] { "/requests", "/requests/sent", "/requests/confirm?token=x",
					"/requests/status?token=" + statusToken }) {
				String html = mvc.perform(get(page).param("lang", lang)).andReturn().getResponse().getContentAsString();
				assertThat(html).as(page + " in " + lang)
					.contains(authority.name(), authority.url(), "id=\"complaint\"")
					.contains("nl".equals(lang) ? "klacht" : "complaint");
			}
		}
	}

	@Test
	@DisplayName("RIG-7: only administrators and the privacy officer see the queue")
	void onlyThePrivacyOfficerAndAdministratorsSeeTheQueue() throws Exception {
		var support = fixtures.staff(Set.of(Role.SUPPORT)).id();
		mvc.perform(asStaff(get("/admin/privacy/requests"), support)).andExpect(status().isForbidden());
		assertThat(mvc.perform(get("/admin/privacy/requests")).andReturn().getResponse().getStatus()).isIn(302, 401);
		mvc.perform(asStaff(get("/admin/privacy/requests"), privacyOfficer())).andExpect(status().isOk());
	}

	private String statusTokenFromMail(String email) {
		return Mailbox.token(Mailbox.withLink(Mailbox.awaitMails(email, 2), "/requests/status"), "/requests/status");
	}
}
