package io.kluis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link KluisIntegrationTest}, but the application runs as a real HTTP server and sends real
 * mail to the test {@link Mailbox} (GreenMail): for tests that talk to Kluis the way a browser or an
 * API client does. {@link TestServer} picks the port, so {@code kluis.base-url} (which every mailed
 * link starts with) points at this very server; inject it with {@code @Value("${kluis.base-url}")}.
 * Test classes with this annotation and no further configuration share one running server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
@ExtendWith(TestDatabase.class)
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = { TestDatabase.class, TestServer.class })
public @interface KluisServerTest {
}
