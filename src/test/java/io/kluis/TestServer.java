package io.kluis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Configures a {@link KluisServerTest} context: a free port chosen here rather than by the server
 * ({@code RANDOM_PORT}), because {@code kluis.base-url} must be known before the mail links are
 * built; SMTP to the test {@link Mailbox}; and forwarded headers as behind a TLS proxy, so each test
 * can come from its own client address ({@link #X_FORWARDED_FOR}).
 * <p>
 * Why a client address of its own: login throttling counts failures per source address for an
 * hour, and on PostgreSQL every context and every run shares that table. Tests that prove a refusal
 * (a revoked app password, a replayed code) would otherwise use up the allowance of 127.0.0.1 for
 * all later tests.
 */
public class TestServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The header through which a test client states its (unique) address; trusted from loopback. */
	public static final String X_FORWARDED_FOR = "X-Forwarded-For";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port = freePort();
		TestPropertyValues.of("server.port=" + port, "kluis.base-url=http://localhost:" + port,
				"server.forward-headers-strategy=native", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + Mailbox.port()).applyTo(context);
	}

	/**
	 * A random address from 198.18.0.0/15 (RFC 2544, for tests), so that two test classes or two runs
	 * against the same database practically never share a throttling key.
	 */
	public static String uniqueClientAddress() {
		int n = ThreadLocalRandom.current().nextInt(1, 1 << 17);
		return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("no free port for the test server", e);
		}
	}
}
