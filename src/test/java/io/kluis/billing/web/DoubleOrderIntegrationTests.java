package io.kluis.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.billing.BillingFixtures;
import io.kluis.billing.BillingFixtures.ApiCustomer;
import io.kluis.billing.ProductKind;
import io.kluis.billing.invoices.Invoicing;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Ordering;
import io.kluis.billing.orders.Orders;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's first storage order arriving twice (a double click, two tabs, two nodes, a client's
 * retry): the database lets only one live storage subscription exist per customer, whatever runs at
 * the same time, and the second order is a 409 problem that leaves no second order, subscription or
 * invoice. With an {@code Idempotency-Key} the retry instead gets the first order back.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class DoubleOrderIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Ordering ordering;

	@Autowired
	Orders orders;

	@Autowired
	SubscriptionLifecycle subscriptions;

	@Autowired
	Invoicing invoicing;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	BillingFixtures fixtures;

	UUID plan;

	@BeforeEach
	void storagePlan() {
		fixtures = BillingFixtures.in(context);
		plan = fixtures.storagePlan();
	}

	Ordering.Request firstOrder() {
		return new Ordering.Request(plan, "month", fixtures.termsVersion(), BillingFixtures.profile(), Order.Channel.API);
	}

	long liveStoragePlans(AccountId account) {
		return subscriptions.ofCustomer(account).stream()
			.filter(s -> s.status().live() && s.terms().kind() == ProductKind.STORAGE)
			.count();
	}

	@Test
	@DisplayName("BIL-2: two first storage orders at once (the second passes the check before the first commits): "
			+ "the database lets one through, the other is a 409, and one order, subscription and invoice remain")
	void simultaneousFirstOrdersCreateOneSubscription() throws Exception {
		AccountId account = TestAccounts.in(context).verified(java.util.Locale.ENGLISH).id();
		var placed = new CountDownLatch(1);
		var commit = new CountDownLatch(1);
		// The first order stays uncommitted until the second one is under way, as on two nodes.
		CompletableFuture<Order> first = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
			Order order = ordering.place(account, firstOrder());
			placed.countDown();
			await(commit);
			return order;
		}));
		assertThat(placed.await(20, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Order> second = CompletableFuture.supplyAsync(() -> ordering.place(account, firstOrder()));
		Thread.sleep(500);
		commit.countDown();

		Order won = first.get(20, TimeUnit.SECONDS);
		assertThat(second).failsWithin(Duration.ofSeconds(20))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(ConflictException.class)
			.withMessageContaining("already have a storage plan");
		assertThat(orders.of(account)).extracting(Order::id).containsExactly(won.id());
		assertThat(liveStoragePlans(account)).isEqualTo(1);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !invoicing.of(account).isEmpty());
		Thread.sleep(300);
		assertThat(invoicing.of(account)).hasSize(1);
	}

	@Test
	@DisplayName("BIL-2: the database itself refuses a second live storage subscription of a customer, and allows one "
			+ "again once the first has ended")
	void databaseAllowsOneLiveStoragePlan() {
		AccountId account = TestAccounts.in(context).verified(java.util.Locale.ENGLISH).id();
		Order order = ordering.place(account, firstOrder());
		var row = jdbc.sql("select * from billing_subscriptions where id = ?").param(order.subscriptionId()).query()
			.singleRow();
		assertThat(row.get("live_storage_account")).isEqualTo(account.value());

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("insert into billing_subscriptions (id, "
				+ "account_id, order_id, plan_id, kind, product_name, plan_name, period, price, status, period_start, "
				+ "period_end, created_at, live_storage_account) select ?, account_id, order_id, plan_id, kind, "
				+ "product_name, plan_name, period, price, status, period_start, period_end, created_at, "
				+ "live_storage_account from billing_subscriptions where id = ?")
			.params(UUID.randomUUID(), order.subscriptionId())
			.update()).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

		subscriptions.endAllNow(account);
		assertThat(jdbc.sql("select live_storage_account from billing_subscriptions where id = ?")
			.param(order.subscriptionId()).query().singleRow().get("live_storage_account")).isNull();
		Order again = ordering.place(account, firstOrder());
		assertThat(again.id()).isNotEqualTo(order.id());
		assertThat(liveStoragePlans(account)).isEqualTo(1);
	}

	MockHttpServletResponse order(ApiCustomer c, UUID planId, @Nullable String key) throws Exception {
		String json = "{\"planId\": \"" + planId + "\", \"period\": \"month\", \"acceptedTermsVersion\": \""
				+ fixtures.termsVersion() + "\", \"profile\": {\"name\": \"Jan Jansen\", \"street\": \"Kerkstraat 1\", "
				+ "\"postalCode\": \"1234 AB\", \"city\": \"Utrecht\", \"country\": \"NL\"}}";
		var request = post("/api/v1/orders").with(c.basic())
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.content(json);
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	@DisplayName("BIL-2: a second storage order over the API is a 409 problem document, not a second subscription")
	void secondOrderIsConflictProblem() throws Exception {
		ApiCustomer c = fixtures.apiCustomer();
		assertThat(order(c, plan, null).getStatus()).isEqualTo(201);

		var second = order(c, plan, null);

		assertThat(second.getStatus()).isEqualTo(409);
		assertThat(second.getContentType()).startsWith("application/problem+json");
		assertThat(orders.of(c.id())).hasSize(1);
	}

	@Test
	@DisplayName("BIL-2: the same Idempotency-Key again returns the first order (201, same ids) and orders nothing "
			+ "more; the same key with another plan is a 422 problem")
	void sameIdempotencyKeyReturnsFirstOrder() throws Exception {
		ApiCustomer c = fixtures.apiCustomer();
		String key = UUID.randomUUID().toString();

		var first = order(c, plan, key);
		var retried = order(c, plan, key);

		assertThat(first.getStatus()).isEqualTo(201);
		assertThat(retried.getStatus()).isEqualTo(201);
		assertThat(retried.getHeader("Location")).isEqualTo(first.getHeader("Location"));
		var firstBody = JSON.readTree(first.getContentAsString());
		var retriedBody = JSON.readTree(retried.getContentAsString());
		assertThat(retriedBody.get("id")).isEqualTo(firstBody.get("id"));
		assertThat(retriedBody.get("subscriptionId")).isEqualTo(firstBody.get("subscriptionId"));
		assertThat(orders.of(c.id())).hasSize(1);

		var otherPlan = order(c, fixtures.storagePlan(), key);
		assertThat(otherPlan.getStatus()).isEqualTo(422);
		assertThat(otherPlan.getContentType()).startsWith("application/problem+json");
		assertThat(otherPlan.getContentAsString()).doesNotContain(key);
		assertThat(orders.of(c.id())).hasSize(1);
		assertThat(jdbc.sql("select key_hash from billing_idempotency_keys where account_id = ?").param(c.id().value())
			.query(String.class).list()).singleElement().satisfies(hash -> assertThat(hash).doesNotContain(key));
	}

	@Test
	@DisplayName("BIL-2: two requests with the same Idempotency-Key at once (two nodes) order once; both answer with that order")
	void simultaneousSameKeyOrdersOnce() throws Exception {
		ApiCustomer c = fixtures.apiCustomer();
		String key = UUID.randomUUID().toString();
		var start = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> a = CompletableFuture.supplyAsync(() -> orderAfter(start, c, key));
		CompletableFuture<MockHttpServletResponse> b = CompletableFuture.supplyAsync(() -> orderAfter(start, c, key));
		start.countDown();

		var responses = java.util.List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

		assertThat(orders.of(c.id())).hasSize(1);
		for (var response : responses) {
			assertThat(response.getStatus()).as(response.getContentAsString()).isIn(201, 409);
			if (response.getStatus() == 201) {
				assertThat(JSON.readTree(response.getContentAsString()).get("id").asString())
					.isEqualTo(orders.of(c.id()).get(0).id().toString());
			}
		}
		assertThat(responses).extracting(MockHttpServletResponse::getStatus).contains(201);
	}

	private MockHttpServletResponse orderAfter(CountDownLatch start, ApiCustomer c, String key) {
		try {
			await(start);
			return order(c, plan, key);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("latch timed out");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
