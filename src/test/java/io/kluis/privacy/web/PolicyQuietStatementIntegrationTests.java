package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** SUP-2 switched off: a provider who does not make the statement does not publish it. */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kluis.privacy.register-location=classpath:privacy/test-register-policy-quiet.yml")
class PolicyQuietStatementIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	@DisplayName("SUP-2: the statement that phone calls are not recorded is absent when the provider disables it")
	void aDisabledStatementIsAbsent() throws Exception {
		for (String lang : new String[] { "nl", "en" }) {
			String page = mvc.perform(get("/privacy?lang=" + lang)).andReturn().getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).contains("id=\"statement-no-sale\"")
				.doesNotContain("statement-no-call-recording", "Telefoongesprekken met ons worden niet opgenomen.",
						"Phone calls with us are not recorded.");
		}
	}
}
