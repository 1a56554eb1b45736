package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.audit.AuditQuery;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.Role;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Requests that arrive by email, letter or phone (RIG-7): the privacy officer enters them into the
 * same queue, and their clock runs from the day they arrived, for the register's deadline (here the
 * default, one calendar month; {@link RequestEntryFourWeeksIntegrationTests} has a four-week register).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class RequestEntryIntegrationTests extends RequestsIntegrationTestBase {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	AuditTrail audit;

	@Test
	@DisplayName("RIG-7: a request entered by the privacy officer with an arrival date three days ago is due one calendar "
			+ "month after that date, and is in the queue")
	void anEnteredRequestIsDueOneMonthAfterItArrived() throws Exception {
		AccountId officer = privacyOfficer();
		LocalDate arrived = today().minusDays(3);

		DataSubjectRequest request = entered(officer, "LETTER", arrived.toString(), uniqueEmail("letter"));

		assertThat(request.channel()).isEqualTo(RequestChannel.LETTER);
		assertThat(request.state()).isEqualTo(RequestState.OPEN);
		assertThat(request.identityCheck()).isEqualTo(IdentityCheck.NONE);
		assertThat(request.receivedAt()).isEqualTo(arrived.atStartOfDay(AMSTERDAM).toInstant());
		assertThat(request.deadline().confirmedAt()).isEqualTo(arrived.atStartOfDay(AMSTERDAM).toInstant());
		assertThat(request.deadline().due()).isEqualTo(arrived.plusMonths(1).atStartOfDay(AMSTERDAM).toInstant());
		assertThat(request.deadline().due().atZone(AMSTERDAM).toLocalDate()).isEqualTo(arrived.plusMonths(1));
		assertThat(timelineKinds(request)).containsExactly(TimelineEntry.Kind.RECEIVED);
		assertThat(timeline.of(request).get(0).actor()).isEqualTo(officer);

		assertThat(requests.queue(clock.instant(), 10_000)).extracting(DataSubjectRequest::id).contains(request.id());
		String queue = mvc.perform(asStaff(get("/admin/privacy/requests"), officer)).andReturn().getResponse()
			.getContentAsString();
		assertThat(queue).contains(request.id().toString()).contains("/admin/privacy/requests/new");
		String detail = mvc.perform(asStaff(get("/admin/privacy/requests/" + request.id()), officer)).andReturn()
			.getResponse().getContentAsString();
		assertThat(detail).contains(arrived.plusMonths(1).toString());
	}

	@Test
	@DisplayName("RIG-7: the requester of an entered request is mailed its due date and a confirmation link; using it "
			+ "establishes the identity without moving the clock")
	void theRequesterConfirmsAnEnteredRequestWithoutMovingTheClock() throws Exception {
		AccountId officer = privacyOfficer();
		String email = uniqueEmail("confirm-entered");
		LocalDate arrived = today().minusDays(3);
		DataSubjectRequest request = entered(officer, "EMAIL", arrived.toString(), email);
		var mail = io.kluis.Mailbox.withLink(io.kluis.Mailbox.awaitMails(email, 1), "/requests/confirm");
		assertThat(mail.getSubject()).contains(request.id().reference());

		clock.advance(Duration.ofDays(1));
		confirmFromMail(email);

		DataSubjectRequest confirmed = reload(request);
		assertThat(confirmed.identityCheck()).isEqualTo(IdentityCheck.EMAIL_CONFIRMED);
		assertThat(confirmed.state()).isEqualTo(RequestState.OPEN);
		assertThat(confirmed.deadline()).isEqualTo(request.deadline());
		assertThat(timelineKinds(confirmed)).containsExactly(TimelineEntry.Kind.RECEIVED, TimelineEntry.Kind.CONFIRMED);
	}

	@Test
	@DisplayName("RIG-7: entering a request is audited with the officer as actor, the request id, channel and arrival date, "
			+ "never the requester's address")
	void enteringIsAudited() throws Exception {
		AccountId officer = privacyOfficer();
		String email = uniqueEmail("audited");
		DataSubjectRequest request = entered(officer, "PHONE", today().toString(), email);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				audit.recent(new AuditQuery(null, officer, "privacy.request.entered", null, null, 0, 50)))
			.singleElement()
			.satisfies(e -> {
				assertThat(e.details()).containsEntry("request", request.id().toString())
					.containsEntry("channel", "PHONE")
					.containsEntry("kind", "ACCESS")
					.containsEntry("arrivedOn", today().toString());
				assertThat(e.details().toString()).doesNotContain(email);
			}));
	}

	@Test
	@DisplayName("RIG-7, SEC-4: only the privacy officer enters requests; other staff roles get 403")
	void onlyThePrivacyOfficerEntersRequests() throws Exception {
		for (Role role : Set.of(Role.ADMIN, Role.SUPPORT, Role.BILLING)) {
			AccountId staff = fixtures.staff(Set.of(role)).id();
			mvc.perform(asStaff(get("/admin/privacy/requests/new"), staff)).andExpect(status().isForbidden());
			String email = uniqueEmail("forbidden");
			mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), staff), "EMAIL", today().toString(), email))
				.andExpect(status().isForbidden());
			assertThat(storedFor(email)).isZero();
		}
		assertThat(mvc.perform(get("/admin/privacy/requests/new")).andReturn().getResponse().getStatus()).isIn(302, 401);
		mvc.perform(asStaff(get("/admin/privacy/requests/new"), privacyOfficer())).andExpect(status().isOk());
	}

	@Test
	@DisplayName("RIG-7: an arrival date in the future, more than a year ago or not a date is refused with 400 and the "
			+ "form, and nothing is stored")
	void badArrivalDatesAreRefused() throws Exception {
		AccountId officer = privacyOfficer();
		assertRefused(officer, "EMAIL", today().plusDays(1).toString(), "cannot be in the future");
		assertRefused(officer, "EMAIL", today().minusYears(1).minusDays(1).toString(), "more than a year ago");
		assertRefused(officer, "EMAIL", "4-12-2026", "year-month-day");
		assertRefused(officer, "EMAIL", "", "year-month-day");
		// a year ago exactly is still accepted (a letter found late keeps its true date)
		DataSubjectRequest late = entered(officer, "EMAIL", today().minusYears(1).toString(), uniqueEmail("late"));
		assertThat(late.isOverdue(clock.instant())).isTrue();
	}

	@Test
	@DisplayName("RIG-7: the form channel, an unknown kind, an invalid address or an empty note are refused with 400")
	void otherBadInputIsRefused() throws Exception {
		AccountId officer = privacyOfficer();
		assertRefused(officer, "FORM", today().toString(), "email, letter or phone");
		assertRefused(officer, "FAX", today().toString(), "email, letter or phone");
		String email = uniqueEmail("kind");
		MvcResult kind = mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), officer), "GOSSIP", "EMAIL",
				today().toString(), email, "Asked by phone.")).andReturn();
		assertThat(kind.getResponse().getStatus()).isEqualTo(400);
		assertThat(kind.getResponse().getContentAsString()).contains("Choose what you want.");
		MvcResult address = mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), officer), "EMAIL",
				today().toString(), "not-an-address")).andReturn();
		assertThat(address.getResponse().getStatus()).isEqualTo(400);
		assertThat(address.getResponse().getContentAsString()).contains("valid email address");
		MvcResult note = mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), officer), "ACCESS", "EMAIL",
				today().toString(), email, "  ")).andReturn();
		assertThat(note.getResponse().getStatus()).isEqualTo(400);
		assertThat(note.getResponse().getContentAsString()).contains("Describe your request");
		assertThat(storedFor(email)).isZero();
	}

	@Test
	@DisplayName("RIG-7: the privacy statement says the default deadline of one month and that requests by email, letter or "
			+ "phone count from the day they arrive")
	void thePolicyPageSaysTheDeadline() throws Exception {
		String en = mvc.perform(get("/privacy").header("Accept-Language", "en")).andReturn().getResponse()
			.getContentAsString();
		assertThat(en).contains("We answer your request within one month.").contains("by email, letter or phone");
		String nl = mvc.perform(get("/privacy").header("Accept-Language", "nl")).andReturn().getResponse()
			.getContentAsString();
		assertThat(nl).contains("Wij beantwoorden uw verzoek binnen een maand.").contains("per e-mail, brief of telefoon");
	}

	private void assertRefused(AccountId officer, String channel, String arrivedOn, String message) throws Exception {
		String email = uniqueEmail("refused");
		MvcResult result = mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), officer), channel, arrivedOn, email)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains(message).contains("name=\"arrivedOn\"");
		assertThat(storedFor(email)).isZero();
	}

	/** Enters a request through the form and returns it as stored. */
	DataSubjectRequest entered(AccountId officer, String channel, String arrivedOn, String email) throws Exception {
		MvcResult result = mvc.perform(entry(asStaff(post("/admin/privacy/requests/new"), officer), channel, arrivedOn, email))
			.andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/admin/privacy/requests/");
		return requests.findById(new RequestId(UUID.fromString(location.substring("/admin/privacy/requests/".length()))))
			.orElseThrow();
	}

	static MockHttpServletRequestBuilder entry(MockHttpServletRequestBuilder request, String channel, String arrivedOn,
			String email) {
		return entry(request, "ACCESS", channel, arrivedOn, email, "Asked by letter for a copy of all data held about him.");
	}

	static MockHttpServletRequestBuilder entry(MockHttpServletRequestBuilder request, String kind, String channel,
			String arrivedOn, String email, String note) {
		return request.header("Accept-Language", "en")
			.param("kind", kind)
			.param("channel", channel)
			.param("arrivedOn", arrivedOn)
			.param("email", email)
			.param("name", "Jan Briefschrijver")
			.param("note", note)
			.param("language", "nl");
	}

	private long storedFor(String email) {
		return jdbc.sql("select count(*) from privacy_requests where email_index = ?")
			.param(requests.emailIndex(io.kluis.shared.EmailAddress.of(email)))
			.query(Long.class)
			.single();
	}

	LocalDate today() {
		return clock.instant().atZone(AMSTERDAM).toLocalDate();
	}
}
