package io.kluis.crypto.internal;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.TestDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link KluisIntegrationTest} whose context rotates and destroys epochs for real: a key store in a
 * directory of its own (under {@link OwnKeyStore#ROOT}), on PostgreSQL a schema of its own, a
 * {@link TestClock} the test moves, no scheduled jobs, epochs of a day kept 30 days for backups.
 * Closed after the class ({@code @DirtiesContext}), so no other test class ever shares its keys,
 * tables or clock, even one with this same configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@KluisIntegrationTest
@TestPropertySource(properties = { TestDatabase.OWN_SCHEMA + "=true", "kluis.jobs.enabled=false",
		"kluis.crypto.epochs.length=1d", "kluis.crypto.epochs.backup-retention=30d" })
@Import({ TestClock.class, OwnEpochsIntegrationTest.OwnKeyStore.class })
@DirtiesContext
@interface OwnEpochsIntegrationTest {

	/** The context's own epoch key store, in a new directory under {@link #ROOT}. */
	@TestConfiguration(proxyBeanMethods = false)
	class OwnKeyStore {

		/** Where the own key stores of test contexts live; a new directory here is an empty key store. */
		static final Path ROOT = Path.of("target/test-key-stores");

		@Bean
		@Primary
		EpochKeyStore ownKeyStore() {
			return new DirectoryEpochKeyStore(ROOT.resolve(UUID.randomUUID().toString()));
		}
	}
}
