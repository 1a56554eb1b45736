package io.kluis.storage.dav;

import io.kluis.ExternalPrograms;
import io.kluis.storage.S3TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** Litmus against Kluis with file contents on S3 (the tests' S3-compatible server). */
@ContextConfiguration(initializers = S3TestServer.Backend.class)
@ExternalPrograms.Needs(value = "litmus", packages = "litmus")
class S3LitmusServerTests extends LitmusServerTests {

	@Override
	@Test
	@DisplayName("W1 on the S3 backend: litmus passes 100 % (basic, copymove, props, locks, http) on a plain space")
	void litmusPassesEverything() throws Exception {
		super.litmusPassesEverything();
	}
}
