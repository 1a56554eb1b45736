package io.kluis.storage.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.TestAccounts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;

/** The file manager's page and its session JSON: login required, CSRF on changes, only your own spaces. */
@KluisIntegrationTest
@AutoConfigureMockMvc
class FilesPanelIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	Authentication customer;

	@BeforeEach
	void customer() {
		var fixtures = TestAccounts.in(context);
		customer = fixtures.authentication(fixtures.verified().id(), true);
	}

	@Test
	@DisplayName("ACC-2: the file manager and its JSON need a session")
	void needsASession() throws Exception {
		mvc.perform(get("/panel/files/api/spaces").accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
		mvc.perform(get("/panel/files").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
	}

	@Test
	@DisplayName("The page carries the trash period from the register, the CSRF token for the script, and no inline script")
	void page() throws Exception {
		mvc.perform(get("/panel/files").header("Accept-Language", "nl").with(authentication(customer)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("30 dagen")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-csrf-token=")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("src=\"/js/storage/files.js\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>"))));
	}

	@Test
	@DisplayName("Spaces and usage as JSON; creating a space needs the CSRF token; another customer's trash is not found")
	void json() throws Exception {
		mvc.perform(get("/panel/files/api/spaces").with(authentication(customer)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("vault"))
			.andExpect(jsonPath("$[0].kind").value("VAULT"));
		mvc.perform(get("/panel/files/api/usage").with(authentication(customer)))
			.andExpect(jsonPath("$.usedBytes").value(0));
		String body = "{\"name\":\"photos\",\"kind\":\"PLAIN\"}";
		mvc.perform(post("/panel/files/api/spaces").contentType(MediaType.APPLICATION_JSON).content(body)
			.with(authentication(customer))).andExpect(status().isForbidden());
		mvc.perform(post("/panel/files/api/spaces").contentType(MediaType.APPLICATION_JSON).content(body)
			.with(authentication(customer)).with(csrf())).andExpect(status().isCreated());
		mvc.perform(post("/panel/files/api/spaces/photos/trash/{id}/restore", UUID.randomUUID())
			.with(authentication(customer)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/panel/files/api/spaces/someone-else/trash").with(authentication(customer)))
			.andExpect(status().isNotFound());
	}
}
