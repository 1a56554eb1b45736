package io.kluis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The database and profile of a {@link KluisIntegrationTest} for a Spring Modulith module test: put it
 * beside {@code @ApplicationModuleTest}, which boots only the test's module (and, with
 * {@code BootstrapMode.DIRECT_DEPENDENCIES}, the modules it uses) instead of the whole application.
 * Scheduled jobs are off, so a test runs the module's work by hand, on a clock it moves; which
 * modules' beans a context holds is told by {@link ModuleBeans}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(TestDatabase.class)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
@TestPropertySource(properties = "kluis.jobs.enabled=false")
public @interface KluisModuleTest {
}
