package io.kluis.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kluis.KluisServerTest;
import io.kluis.TestServer;
import io.kluis.WithMailbox;
import io.kluis.identity.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 8: concurrent wrong passwords for one account answered 500 (an optimistic-locking
 * conflict on the account row). Every failed attempt answers 401 and counts toward the account's
 * throttle, however many arrive at once: the counter is an atomic increment in the database.
 */
@KluisServerTest
class ConcurrentFailedLoginsServerTests extends WithMailbox {

	static final int ATTEMPTS = 16;

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("SEC-5: many wrong passwords for one account at once all answer 401, none 500, and every one counts")
	void concurrentWrongPasswordsAllAnswer401AndAllCount() throws Exception {
		var customer = TestAccounts.in(context).verified();
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var start = new CountDownLatch(1);
		int refusedAsWrong;
		var answers = new ArrayList<CompletableFuture<Integer>>();
		var threads = Executors.newFixedThreadPool(ATTEMPTS);
		try {
			for (int i = 0; i < ATTEMPTS; i++) {
				String password = "wrong password number " + i;
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
						var request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/app-passwords"))
							.timeout(Duration.ofSeconds(120))
							.header("Content-Type", "application/json")
							.header(TestServer.X_FORWARDED_FOR, TestServer.uniqueClientAddress())
							.header("Authorization", "Basic " + Base64.getEncoder()
								.encodeToString((customer.email() + ":" + password).getBytes(StandardCharsets.UTF_8)))
							.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
							.build();
						return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					}
					catch (Exception e) {
						throw new IllegalStateException(e);
					}
				}, threads));
			}
			start.countDown();
			List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
			// 401 each, never 500; on a busy machine the password-hashing gate may answer 503 with
			// Retry-After for some (HashingGate), before any check, and those are not attempts.
			assertThat(statuses).as("every failed attempt answers 401").hasSize(ATTEMPTS).allMatch(status -> status == 401 || status == 503);
			refusedAsWrong = (int) statuses.stream().filter(status -> status == 401).count();
		}
		finally {
			threads.shutdownNow();
		}
		// Each attempt is audited once: checked and wrong ("bad-password"), or refused unchecked because
		// an earlier one had already set a delay ("throttled"). Every checked one is counted.
		int answered401 = refusedAsWrong;
		assertThat(answered401).isGreaterThanOrEqualTo(ATTEMPTS / 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> audited(customer, "%") == answered401);
		int checked = audited(customer, "%bad-password%");
		int counted = jdbc.sql("select failed_logins from identity_accounts where id = ?")
			.param(customer.id().value())
			.query(Integer.class)
			.single();
		assertThat(checked).as("several attempts arrive before the first delay is set").isGreaterThanOrEqualTo(5);
		assertThat(counted).as("every checked attempt counts toward the account's throttle").isEqualTo(checked);
	}

	private int audited(TestAccounts.Known customer, String details) {
		return jdbc.sql("select count(*) from audit_entries where subject_id = ? and code = 'identity.login.failed' "
				+ "and details like ?")
			.params(customer.id().value(), details)
			.query(Integer.class)
			.single();
	}
}
