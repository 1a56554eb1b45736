package io.kluis.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Refusals on server-rendered pages (400, 404, 409) render the branded error page with their own
 * status; they never end in a template failure and a 500.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class ErrorPagesIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	TestAccounts fixtures;

	Authentication admin;

	Authentication customer;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
		admin = fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true);
		customer = fixtures.authentication(fixtures.verified().id(), true);
	}

	@Test
	void anUnknownPageIsANotFoundPage() throws Exception {
		expectErrorPage(get("/panel/no-such-page").with(authentication(customer)), 404);
		expectErrorPage(get("/admin/no-such-page").with(authentication(admin)), 404);
	}

	@Test
	void anUnsupportedMethodIsAMethodNotAllowedPage() throws Exception {
		expectErrorPage(delete("/panel").with(csrf()).with(authentication(customer)), 405);
		var response = mvc.perform(delete("/panel").with(csrf()).with(authentication(customer))).andReturn().getResponse();
		assertThat(response.getHeader("Allow")).contains("GET");
	}

	@Test
	void anUnknownAccountIsANotFoundPage() throws Exception {
		expectErrorPage(get("/admin/customers/{id}", UUID.randomUUID()).with(authentication(admin)), 404);
	}

	@Test
	void invalidInputIsABadRequestPage() throws Exception {
		var id = fixtures.verified().id();
		expectErrorPage(post("/admin/customers/{id}/open", id.value()).param("reason", "SUPPORT_REQUEST")
			.param("ticket", "not a <ticket>").with(csrf()).with(authentication(admin)), 400);
	}

	@Test
	void aConflictIsAConflictPage() throws Exception {
		var id = fixtures.verified().id();
		expectErrorPage(post("/admin/customers/{id}/unblock", id.value()).with(csrf()).with(authentication(admin)), 409);
	}

	private void expectErrorPage(RequestBuilder request, int status) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
		assertThat(result.getResponse().getContentAsString()).contains("<main").contains("Voorbeeld Hosting B.V.");
	}
}
