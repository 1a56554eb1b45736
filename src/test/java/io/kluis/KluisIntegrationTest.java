package io.kluis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring integration test against a real database: an in-memory H2 by default, or the PostgreSQL
 * named by {@code -Dkluis.test.database=postgresql -Dkluis.test.postgresql.url=…} (the {@code
 * postgresql} Maven profile, which {@code .ci/run} uses). Tagged {@code database} so that run can
 * select exactly these tests. Tests must create their own data and not assume empty tables: on
 * PostgreSQL all contexts of a run share one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(TestDatabase.class)
@ActiveProfiles("test")
@SpringBootTest
@ContextConfiguration(initializers = TestDatabase.class)
public @interface KluisIntegrationTest {
}
