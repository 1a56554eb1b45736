package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestClock;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The deadline clock (RIG-7, AVG art. 12(3)): reminders to the privacy officer before the due date
 * and when it passed, extensions only within the first month and with a reason the requester gets at
 * once, and the queue with overdue requests first. The clock is moved by hand.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class RequestDeadlineIntegrationTests extends RequestsIntegrationTestBase {

	@Autowired
	DeadlineReminders reminders;

	@Autowired
	org.springframework.context.MessageSource messages;

	@Test
	@DisplayName("RIG-7: the privacy officer is reminded 7 and 2 days before the due date and when it has passed, each once")
	void remindersComeAtTheRightTimesAndOnce() throws Exception {
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, uniqueEmail("reminders"));
		var due = request.deadline().due();

		clock.set(due.minus(Duration.ofDays(7)).minusSeconds(60));
		reminders.sendDue();
		assertThat(sentReminders(request)).noneMatch(r -> r.startsWith("DAYS_"));

		clock.set(due.minus(Duration.ofDays(7)));
		reminders.sendDue();
		reminders.sendDue();
		assertThat(sentReminders(request)).filteredOn(r -> r.startsWith("DAYS_")).containsExactly("DAYS_7:" + dueDate(request));

		clock.set(due.minus(Duration.ofDays(2)));
		reminders.sendDue();
		assertThat(sentReminders(request)).contains("DAYS_7:" + dueDate(request), "DAYS_2:" + dueDate(request));

		clock.set(due.plusSeconds(1));
		reminders.sendDue();
		reminders.sendDue();
		assertThat(sentReminders(request)).containsExactlyInAnyOrder("DAYS_7:" + dueDate(request),
				"DAYS_2:" + dueDate(request), "OVERDUE:" + dueDate(request));

		String privacyContact = register.provider().privacyContact();
		String reference = request.id().reference();
		var mails = Mailbox.awaitMails(privacyContact, 1);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(privacyContact).stream()
			.filter(m -> Mailbox.body(m).contains(reference)).count() >= 3);
		assertThat(Mailbox.to(privacyContact)).filteredOn(m -> Mailbox.body(m).contains(reference))
			.hasSize(3)
			.allSatisfy(m -> assertThat(Mailbox.body(m)).contains("/admin/privacy/requests/" + request.id())
				.doesNotContain("request-reminders-"));
		assertThat(mails).isNotEmpty();
		assertThat(timelineKinds(request)).filteredOn(k -> k == TimelineEntry.Kind.REMINDER).hasSize(3);
	}

	@Test
	@DisplayName("RIG-7: within the first month the deadline can be extended by up to two months with a reason, which is mailed to the requester at once")
	void anExtensionWithinTheFirstMonthIsMailedWithItsReason() throws Exception {
		String email = uniqueEmail("extend");
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, email);
		AccountId officer = privacyOfficer();
		clock.advance(Duration.ofDays(20));

		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/extend"), officer).param("months", "2")
			.param("reason", "Your data sits in three archived systems that we must restore first."));

		var extended = reload(request);
		var zone = ZoneId.of("Europe/Amsterdam");
		assertThat(extended.deadline().extensionMonths()).isEqualTo(2);
		assertThat(extended.deadline().due())
			.isEqualTo(request.deadline().confirmedAt().atZone(zone).plusMonths(3).toInstant());
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(
				() -> Mailbox.to(email).stream().anyMatch(m -> Mailbox.body(m).contains("three archived systems")));
		assertThat(Mailbox.to(email)).filteredOn(m -> Mailbox.body(m).contains("three archived systems"))
			.singleElement()
			.satisfies(m -> assertThat(Mailbox.body(m)).contains("2 more month(s)"));
		assertThat(timelineKinds(extended)).contains(TimelineEntry.Kind.EXTENDED);

		// A third month is more than art. 12(3) allows.
		String refused = refusedExtension(request, officer, "1");
		assertThat(refused).contains("at most two months");
		assertThat(reload(request).deadline().extensionMonths()).isEqualTo(2);
	}

	@Test
	@DisplayName("RIG-7: after the first month an extension is refused with a clear message, and nothing is mailed")
	void anExtensionAfterTheFirstMonthIsRefused() throws Exception {
		String email = uniqueEmail("late");
		DataSubjectRequest request = confirmedRequest(RequestKind.ERASURE, email);
		AccountId officer = privacyOfficer();
		clock.set(request.deadline().due().plusSeconds(1));

		String page = refusedExtension(request, officer, "1");

		assertThat(page).contains("only possible within the first month");
		assertThat(reload(request).deadline().isExtended()).isFalse();
		Thread.sleep(500);
		assertThat(Mailbox.to(email)).noneMatch(m -> Mailbox.body(m).contains("too late anyway"));
	}

	@Test
	@DisplayName("RIG-7: the queue shows overdue requests first, then by due date, closed ones last")
	void theQueueShowsOverdueRequestsFirst() throws Exception {
		AccountId officer = privacyOfficer();
		DataSubjectRequest closedEarliest = confirmedRequest(RequestKind.OTHER, uniqueEmail("closed"));
		mvc.perform(asStaff(post("/admin/privacy/requests/" + closedEarliest.id() + "/close"), officer));
		clock.advance(Duration.ofDays(1));
		DataSubjectRequest overdue = confirmedRequest(RequestKind.ACCESS, uniqueEmail("overdue"));
		clock.advance(Duration.ofDays(20));
		DataSubjectRequest later = confirmedRequest(RequestKind.ACCESS, uniqueEmail("later"));
		// five days, not one: "one calendar month" maps the 28th to the 31st of January all to
		// 28 February, and equal due dates have no order
		clock.advance(Duration.ofDays(5));
		DataSubjectRequest latest = confirmedRequest(RequestKind.RECTIFICATION, uniqueEmail("latest"));
		clock.set(overdue.deadline().due().plus(Duration.ofDays(1)));

		List<RequestId> queue = requests.queue(clock.instant(), 10_000).stream().map(DataSubjectRequest::id).toList();
		assertThat(queue).containsSubsequence(overdue.id(), later.id(), latest.id(), closedEarliest.id());
		assertThat(requests.findById(overdue.id()).orElseThrow().isOverdue(clock.instant())).isTrue();
		String html = mvc.perform(asStaff(get("/admin/privacy/requests"), officer)).andReturn().getResponse()
			.getContentAsString();
		assertThat(html.indexOf(overdue.id().toString())).isLessThan(html.indexOf(later.id().toString()));
		assertThat(html.indexOf(later.id().toString())).isLessThan(html.indexOf(latest.id().toString()));
	}

	/** The refusal's message, as the detail page shows it after the redirect. */
	private String refusedExtension(DataSubjectRequest request, AccountId officer, String months) throws Exception {
		var result = mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/extend"), officer)
			.param("months", months).param("reason", "too late anyway")).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/privacy/requests/" + request.id());
		Object code = result.getFlashMap().get("refused");
		assertThat(code).isNotNull();
		return messages.getMessage("requests.refused." + code, null, java.util.Locale.ENGLISH);
	}

	private List<String> sentReminders(DataSubjectRequest request) {
		return jdbc.sql("select reminder from privacy_request_reminders where request_id = ?")
			.param(request.id().value())
			.query(String.class)
			.list();
	}

	private static String dueDate(DataSubjectRequest request) {
		return request.deadline().due().atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate().toString();
	}
}
