package io.kluis.privacy.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The terms a registering customer accepts exist, are public, and name the version registration records. */
@KluisIntegrationTest
@AutoConfigureMockMvc
class TermsIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	PublishedTerms terms;

	@Test
	@DisplayName("ACC-1: /terms shows the provider's terms and their version without a login, in English and Dutch")
	void termsArePublic() throws Exception {
		var page = mvc.perform(get("/terms").param("lang", "en")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Placeholder terms of service").contains("Version 2026-12");
		var dutch = mvc.perform(get("/terms").param("lang", "nl")).andReturn().getResponse();
		assertThat(dutch.getContentAsString()).contains("Voorlopige gebruiksvoorwaarden").contains("Versie 2026-12");
	}

	@Test
	@DisplayName("ACC-1: the registration form links the terms and names the version it records")
	void registrationLinksTheTerms() throws Exception {
		var form = mvc.perform(get("/register").param("lang", "en")).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("<a href=\"/terms\">terms of service</a> (version 2026-12)");
		assertThat(terms.current()).isEqualTo("2026-12");
	}

	@Test
	@DisplayName("a published version stays readable by name; an unknown one is 404")
	void versionsStayReadable() throws Exception {
		assertThat(terms.html("2026-12", java.util.Locale.ENGLISH)).get().asString().contains("Placeholder terms");
		assertThat(mvc.perform(get("/terms/versions/2026-12")).andReturn().getResponse().getRedirectedUrl())
			.isEqualTo("/terms");
		assertThat(mvc.perform(get("/terms/versions/1999-01")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}
}
