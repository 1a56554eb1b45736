package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 8 §3 "Backups": the published statement (the shipped register) says within how many days
 * an erasure reaches the database backups, computed from this installation's configuration
 * (epoch length + backup retention + the hourly job's slack, rounded up to days).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "kluis.crypto.epochs.length=1d", "kluis.crypto.epochs.backup-retention=14d" })
class BackupErasureStatementIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Test
	@DisplayName("/privacy states the configured bound within which an erasure reaches the backups, in both languages")
	void theStatementGivesTheBoundOfTheConfiguration() throws Exception {
		String english = page("/privacy?lang=en");
		assertThat(english).contains("id=\"statement-backups\"")
			.contains("any backup of our database at most 16 days later")
			.doesNotContain("{backup-erasure-days}");
		assertThat(page("/privacy?lang=nl")).contains("uiterlijk 16 dagen later").doesNotContain("{backup-erasure-days}");
	}

	private String page(String path) throws Exception {
		return mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
