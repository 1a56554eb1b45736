package io.kluis.notifications.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.notifications.Mail;
import io.kluis.notifications.Notifications;
import io.kluis.notifications.NotificationsTestClock;
import io.kluis.shared.EmailAddress;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
@TestPropertySource(properties = { NotificationsTestClock.A_YEAR_AHEAD, NotificationsTestClock.NO_SCHEDULING })
class MailViewerControllerIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Test
	@WithMockUser(roles = { "STAFF", "ADMIN" })
	void anAdministratorSeesTheMailInTheListAndItsHtmlOnlyInASandboxedFrame() throws Exception {
		var to = EmailAddress.of("r-" + UUID.randomUUID() + "@example.nl");
		var id = notifications.send(Mail.to(to).locale(Locale.ENGLISH).template("notifications/test")
			.with("note", "<script>alert('x')</script>").build());
		notifications.flush();

		String list = mvc.perform(get("/admin/mail")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(list).contains(to.value(), "Test mail from Voorbeeld Hosting B.V.", "/admin/mail/" + id.value());

		String page = mvc.perform(get("/admin/mail/{id}", id.value())).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("sandbox=\"\"", "srcdoc=\"", "This is a test mail")
			.doesNotContain("<script>alert");
		// The HTML part escaped the note once; the page escapes the whole part again, so the frame
		// shows the note as text and no script reaches a browser.
		assertThat(page).contains("&amp;lt;script&amp;gt;alert");
	}

	@Test
	@WithMockUser(roles = { "STAFF", "ADMIN" })
	void anUnknownMailIsNotFound() throws Exception {
		mvc.perform(get("/admin/mail/{id}", UUID.randomUUID())).andExpect(status().isNotFound());
		mvc.perform(get("/admin/mail/not-a-uuid")).andExpect(status().isBadRequest());
	}

	@Test
	void anonymousVisitorsCannotSeeTheViewer() throws Exception {
		int status = mvc.perform(get("/admin/mail")).andReturn().getResponse().getStatus();

		assertThat(status).isIn(302, 401, 403);
	}
}
