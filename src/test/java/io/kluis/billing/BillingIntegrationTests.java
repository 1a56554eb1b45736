package io.kluis.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.kluis.Mailbox;
import io.kluis.KluisIntegrationTest;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.billing.catalogue.Catalogue;
import io.kluis.billing.catalogue.PlanDraft;
import io.kluis.billing.orders.Order;
import io.kluis.billing.orders.Orders;
import io.kluis.billing.subscriptions.SubscriptionLifecycle;
import io.kluis.billing.subscriptions.TermEnds;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.notifications.Notifications;
import io.kluis.privacy.TermsVersions;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import io.kluis.storage.files.StorageProperties;
import io.kluis.storage.files.Usage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first billing slice end to end on a real database: staff build the catalogue, customers order a
 * storage plan over the API and in the panel (BIL-1, BIL-2), the storage quota follows the plan, the
 * confirmation mail arrives in the customer's language and no newsletter subscription appears (CON-1),
 * cancelling takes one call and ends the plan at the end of the term (BIL-6, with a moved clock), plan
 * changes are prorated, other customers' ids are 404 and bad input is 400, and the data holder exports
 * and erases it all (RIG-1, RIG-3).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
@DirtiesContext
class BillingIntegrationTests extends WithMailbox {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final long GB = 1_000_000_000L;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Catalogue catalogue;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	TermsVersions terms;

	@Autowired
	Usage usage;

	@Autowired
	StorageProperties storage;

	@Autowired
	Orders orders;

	@Autowired
	SubscriptionLifecycle subscriptions;

	@Autowired
	TermEnds termEnds;

	@Autowired
	MutableClock clock;

	@Autowired
	Notifications notifications;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kluis.audit.AuditTrail audit;

	TestAccounts fixtures;

	UUID small;

	UUID large;

	@BeforeEach
	void catalogueWithTwoStoragePlans() {
		fixtures = TestAccounts.in(context);
		UUID product = catalogue.addProduct(ProductKind.STORAGE, "Storage " + UUID.randomUUID(), "Files and vault");
		small = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "100 GB", "2.00", "20.00", "100"));
		large = catalogue.addPlan(product, PlanDraft.parse(ProductKind.STORAGE, "1 TB", "9.99", null, "1000"));
	}

	record Customer(TestAccounts.Known known, String appPassword) {

		AccountId id() {
			return known.id();
		}
	}

	Customer customer(Locale language) {
		var known = fixtures.verified(language);
		return new Customer(known,
				appPasswords.create(known.id(), "billing test", EnumSet.allOf(AppPasswordScope.class)).secret());
	}

	MockHttpServletResponse api(Customer c, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(httpBasic(c.known().email(), c.appPassword()))
			.with(TestAccounts.from(TestAccounts.uniqueAddress()))
			.accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
	}

	MockHttpServletResponse postJson(Customer c, String path, String json) throws Exception {
		return api(c, post(path).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	static JsonNode json(MockHttpServletResponse response) throws Exception {
		return JSON.readTree(response.getContentAsString());
	}

	String orderJson(UUID plan, String period, boolean withProfile) {
		String profile = withProfile ? ", \"profile\": {\"name\": \"Jan Jansen\", \"street\": \"Dorpsstraat 1\", "
				+ "\"postalCode\": \"1234 AB\", \"city\": \"Utrecht\", \"country\": \"nl\"}" : "";
		return "{\"planId\": \"" + plan + "\", \"period\": \"" + period + "\", \"acceptedTermsVersion\": \""
				+ terms.current() + "\"" + profile + "}";
	}

	@Test
	@DisplayName("BIL-2, CON-1: an order over the API records what was ordered, the price and the accepted terms "
			+ "version and time (no IP), sets the storage quota, mails a Dutch confirmation, and subscribes nobody "
			+ "to the newsletter")
	void orderOverTheApi() throws Exception {
		Customer c = customer(Locale.forLanguageTag("nl"));
		assertThat(usage.of(c.id()).quota()).isEqualTo(storage.defaultQuota().toBytes());

		var response = postJson(c, "/api/v1/orders", orderJson(small, "month", true));
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		JsonNode body = json(response);
		assertThat(body.get("price").decimalValue()).isEqualByComparingTo("2.00");
		assertThat(body.get("currency").asString()).isEqualTo("EUR");
		assertThat(body.get("termsVersion").asString()).isEqualTo(terms.current());

		Order order = orders.of(c.id()).get(0);
		assertThat(order.terms().planId()).isEqualTo(small);
		assertThat(order.terms().price()).isEqualByComparingTo("2.00");
		assertThat(order.terms().period()).isEqualTo(BillingPeriod.MONTH);
		assertThat(order.termsVersion()).isEqualTo(terms.current());
		assertThat(order.termsAcceptedAt()).isEqualTo(clock.instant());
		assertThat(order.channel()).isEqualTo(Order.Channel.API);
		assertThat(jdbc.sql("select * from billing_orders where id = ?").param(order.id()).query().listOfRows().get(0)
			.keySet()).noneMatch(column -> column.toLowerCase(Locale.ROOT).matches(".*((^|_)ip(_|$)|address|agent).*"));

		var subscription = subscriptions.find(new SubscriptionRef(order.subscriptionId())).orElseThrow();
		assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(subscription.periodEnd()).isEqualTo(BillingPeriod.MONTH.after(subscription.periodStart()));
		assertThat(usage.of(c.id()).quota()).as("the plan's quota replaces the default").isEqualTo(100 * GB);

		notifications.flush();
		MimeMessage mail = Mailbox.awaitMails(c.known().email(), 2).stream()
			.filter(m -> Mailbox.body(m).contains(order.id().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(mail.getSubject()).contains("bestelling");
		assertThat(Mailbox.body(mail)).contains("2,00").contains("per maand").contains(terms.current());

		JsonNode newsletter = json(api(c, get("/api/v1/me/newsletter")));
		assertThat(newsletter.get("state").asString()).as("CON-1: no newsletter from an order").isEqualTo("none");
		assertThat(jdbc.sql("select count(*) from privacy_newsletter_subscriptions where account_id = ?")
			.param(c.id().value()).query(Long.class).single()).isZero();
	}

	@Test
	@DisplayName("BIL-2: ordering in the panel asks for the billing profile and the accepted terms, and stores the "
			+ "profile sealed (no name or address readable in the database)")
	void orderInThePanel() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		var as = authentication(fixtures.authentication(c.id(), false));
		String page = mvc.perform(get("/panel/billing").with(as)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("1 TB").contains("9.99").contains(terms.current());

		var refused = mvc.perform(post("/panel/billing/orders").with(as).with(csrf())
			.param("planAndPeriod", large + ":month").param("acceptedTermsVersion", terms.current())
			.param("name", "Jan Jansen").param("street", "Dorpsstraat 1").param("postalCode", "1234 AB")
			.param("city", "Utrecht").param("country", "NL")).andReturn().getResponse();
		assertThat(refused.getStatus()).as("terms box not ticked").isEqualTo(400);
		assertThat(orders.of(c.id())).isEmpty();

		var placed = mvc.perform(post("/panel/billing/orders").with(as).with(csrf())
			.param("planAndPeriod", large + ":month").param("acceptedTermsVersion", terms.current())
			.param("acceptTerms", "on").param("name", "Jan Jansen").param("street", "Dorpsstraat 1")
			.param("postalCode", "1234 AB").param("city", "Utrecht").param("country", "NL")
			.param("companyName", "Jansen B.V.").param("kvkNumber", "12345678").param("vatNumber", "NL123456789B01"))
			.andReturn().getResponse();
		assertThat(placed.getStatus()).isEqualTo(302);
		assertThat(placed.getRedirectedUrl()).isEqualTo("/panel/billing?ordered");
		assertThat(orders.of(c.id())).singleElement()
			.satisfies(o -> assertThat(o.channel()).isEqualTo(Order.Channel.PANEL));
		assertThat(usage.of(c.id()).quota()).isEqualTo(1000 * GB);

		BillingProfile profile = context.getBean(BillingProfiles.class).find(c.id()).orElseThrow();
		assertThat(profile.name()).isEqualTo("Jan Jansen");
		assertThat(profile.vatNumber()).isEqualTo("NL123456789B01");
		assertThat(profile.toString()).doesNotContain("Jan").doesNotContain("Dorpsstraat").doesNotContain("1234");
		byte[] stored = jdbc.sql("select profile_sealed from billing_profiles where account_id = ?")
			.param(c.id().value()).query(byte[].class).single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Jansen")
			.doesNotContain("Dorpsstraat");

		var second = mvc.perform(post("/panel/billing/orders").with(as).with(csrf())
			.param("planAndPeriod", small + ":year").param("acceptedTermsVersion", terms.current())
			.param("acceptTerms", "on")).andReturn().getResponse();
		assertThat(second.getStatus()).as("one storage plan per customer: change it instead").isEqualTo(409);
		String afterOrder = mvc.perform(get("/panel/billing").with(as)).andReturn().getResponse().getContentAsString();
		assertThat(afterOrder).as("the change form offers the other plan priced per month")
			.contains("/change\"")
			.contains("<option value=\"" + small + "\"");
	}

	@Test
	@DisplayName("BIL-6: cancelling over the API is one call and takes effect at the end of the term: the "
			+ "scheduled job then ends the subscription and the quota returns to the default (each step in the audit "
			+ "trail); an uncancelled one renews")
	void cancelAndEndOfTerm() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		UUID id = UUID.fromString(json(postJson(c, "/api/v1/orders", orderJson(small, "month", true)))
			.get("subscriptionId").asString());
		var before = subscriptions.find(new SubscriptionRef(id)).orElseThrow();

		var cancelled = api(c, post("/api/v1/subscriptions/" + id + "/cancel"));
		assertThat(cancelled.getStatus()).isEqualTo(200);
		JsonNode view = json(cancelled);
		assertThat(view.get("endsAt").asString()).isEqualTo(before.periodEnd().toString());
		assertThat(view.get("renewsAt").isNull()).isTrue();
		assertThat(view.get("status").asString()).as("runs to the end of the paid term").isEqualTo("active");
		assertThat(api(c, post("/api/v1/subscriptions/" + id + "/cancel")).getStatus()).as("again: same answer")
			.isEqualTo(200);
		var panel = authentication(fixtures.authentication(c.id(), false));
		assertThat(mvc.perform(get("/panel/billing").with(panel)).andReturn().getResponse().getContentAsString())
			.contains("Cancelled, ends " + before.periodEnd().toString().substring(0, 10));

		termEnds.run();
		assertThat(subscriptions.find(new SubscriptionRef(id)).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(usage.of(c.id()).quota()).isEqualTo(100 * GB);

		clock.set(before.periodEnd().plusSeconds(1));
		termEnds.run();
		var ended = subscriptions.find(new SubscriptionRef(id)).orElseThrow();
		assertThat(ended.status()).isEqualTo(SubscriptionStatus.ENDED);
		assertThat(ended.endedAt()).isEqualTo(before.periodEnd());
		assertThat(usage.of(c.id()).quota()).as("back on the default quota").isEqualTo(storage.defaultQuota().toBytes());
		assertThat(json(api(c, get("/api/v1/subscriptions/" + id))).get("status").asString()).isEqualTo("ended");
		assertThat(mvc.perform(get("/panel/billing").with(panel)).andReturn().getResponse().getContentAsString())
			.contains("Ended");
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				audit.aboutSubject(c.id())).extracting(io.kluis.audit.AuditEntry::code)
			.contains("billing.order.placed", "billing.subscription.cancelled", "billing.subscription.ended"));

		// A subscription that was not cancelled renews instead.
		Customer other = customer(Locale.ENGLISH);
		UUID renewing = UUID.fromString(json(postJson(other, "/api/v1/orders", orderJson(small, "year", true)))
			.get("subscriptionId").asString());
		var first = subscriptions.find(new SubscriptionRef(renewing)).orElseThrow();
		clock.set(first.periodEnd().plusSeconds(1));
		termEnds.run();
		var renewed = subscriptions.find(new SubscriptionRef(renewing)).orElseThrow();
		assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(renewed.periodStart()).isEqualTo(first.periodEnd());
		assertThat(renewed.periodEnd()).isEqualTo(BillingPeriod.YEAR.after(first.periodEnd()));
		assertThat(usage.of(other.id()).quota()).isEqualTo(100 * GB);
	}

	@Test
	@DisplayName("BIL-1: an upgrade within the term is prorated exactly and changes the quota at once")
	void upgradeIsProrated() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		UUID id = UUID.fromString(json(postJson(c, "/api/v1/orders", orderJson(small, "month", true)))
			.get("subscriptionId").asString());
		var s = subscriptions.find(new SubscriptionRef(id)).orElseThrow();
		Duration term = Duration.between(s.periodStart(), s.periodEnd());
		clock.set(s.periodStart().plus(term.dividedBy(2)));

		var changed = postJson(c, "/api/v1/subscriptions/" + id + "/change", "{\"planId\": \"" + large + "\"}");
		assertThat(changed.getStatus()).as(changed.getContentAsString()).isEqualTo(200);
		assertThat(json(changed).get("proration").decimalValue())
			.isEqualByComparingTo(new java.math.BigDecimal("9.99").subtract(new java.math.BigDecimal("2.00"))
				.divide(new java.math.BigDecimal(2), 2, java.math.RoundingMode.HALF_UP));
		assertThat(usage.of(c.id()).quota()).isEqualTo(1000 * GB);
		assertThat(subscriptions.find(new SubscriptionRef(id)).orElseThrow().terms().planId()).isEqualTo(large);
	}

	@Test
	@DisplayName("ACC-2: another customer's subscription is a 404 for reading, cancelling and changing, like a "
			+ "made-up id; malformed JSON and wrong fields are 400 problem documents")
	void othersIdsAreNotFoundAndBadInputIsRefused() throws Exception {
		Customer owner = customer(Locale.ENGLISH);
		Customer intruder = customer(Locale.ENGLISH);
		UUID id = UUID.fromString(json(postJson(owner, "/api/v1/orders", orderJson(small, "month", true)))
			.get("subscriptionId").asString());

		assertThat(api(intruder, get("/api/v1/subscriptions/" + id)).getStatus()).isEqualTo(404);
		assertThat(api(intruder, post("/api/v1/subscriptions/" + id + "/cancel")).getStatus()).isEqualTo(404);
		assertThat(postJson(intruder, "/api/v1/subscriptions/" + id + "/change", "{\"planId\": \"" + large + "\"}")
			.getStatus()).isEqualTo(404);
		assertThat(api(intruder, post("/api/v1/subscriptions/not-a-uuid/cancel")).getStatus()).isEqualTo(404);
		assertThat(subscriptions.find(new SubscriptionRef(id)).orElseThrow().cancelledAt()).isNull();
		assertThat(json(api(intruder, get("/api/v1/subscriptions"))).size()).isZero();
		var panel = mvc.perform(post("/panel/billing/subscriptions/" + id + "/cancel")
			.with(authentication(fixtures.authentication(intruder.id(), false))).with(csrf())).andReturn().getResponse();
		assertThat(panel.getStatus()).isEqualTo(404);

		var malformed = postJson(intruder, "/api/v1/orders", "{\"planId\": ");
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(malformed.getContentType()).contains("application/problem+json");
		Map<String, String> wrong = Map.of(
				"{\"planId\": \"" + small + "\", \"period\": \"week\", \"acceptedTermsVersion\": \"" + terms.current() + "\"}", "period",
				"{\"period\": \"month\", \"acceptedTermsVersion\": \"" + terms.current() + "\"}", "planId",
				"{\"planId\": \"" + UUID.randomUUID() + "\", \"period\": \"month\", \"acceptedTermsVersion\": \"x\"}", "planId",
				"{\"planId\": \"" + small + "\", \"period\": \"month\"}", "acceptedTermsVersion",
				"{\"planId\": \"" + small + "\", \"period\": \"month\", \"acceptedTermsVersion\": \"" + terms.current() + "\"}", "profile",
				orderJson(small, "month", true).replace("\"nl\"", "\"XX\""), "country");
		for (var entry : wrong.entrySet()) {
			var response = postJson(intruder, "/api/v1/orders", entry.getKey());
			assertThat(response.getStatus()).as(entry.getValue()).isEqualTo(400);
			assertThat(json(response).get("errors").has(entry.getValue())).as(response.getContentAsString()).isTrue();
		}
		var staleTerms = postJson(intruder, "/api/v1/orders", orderJson(small, "month", true)
			.replace(terms.current(), "an-old-version"));
		assertThat(staleTerms.getStatus()).isEqualTo(409);
		assertThat(orders.of(intruder.id())).isEmpty();
	}

	@Test
	@DisplayName("SEC-4: staff with the BILLING role manage the catalogue (a wrong price is a 400 naming the field); "
			+ "support staff and customers may not")
	void staffManageTheCatalogue() throws Exception {
		var billing = authentication(fixtures.authentication(fixtures.staff(Set.of(Role.BILLING)).id(), true));
		String name = "Hosting " + UUID.randomUUID();
		var added = mvc.perform(post("/admin/billing/catalogue/products").with(billing).with(csrf())
			.param("kind", "HOSTING").param("name", name).param("description", "Web hosting")).andReturn().getResponse();
		assertThat(added.getStatus()).isEqualTo(302);
		var product = catalogue.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
		assertThat(product.kind()).isEqualTo(ProductKind.HOSTING);

		var bad = mvc.perform(post("/admin/billing/catalogue/products/" + product.id() + "/plans").with(billing)
			.with(csrf()).param("name", "Basic").param("priceMonth", "4.999")).andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).contains("priceMonth has at most two decimals");
		assertThat(mvc.perform(post("/admin/billing/catalogue/products/" + product.id() + "/plans").with(billing)
			.with(csrf()).param("name", "Basic").param("priceMonth", "4,99")).andReturn().getResponse().getStatus())
			.isEqualTo(302);
		var plan = catalogue.all().stream().filter(p -> p.id().equals(product.id())).findFirst().orElseThrow().plans()
			.get(0);
		assertThat(plan.priceMonth()).isEqualByComparingTo("4.99");
		assertThat(plan.priceYear()).isNull();
		assertThat(mvc.perform(get("/admin/billing/catalogue").with(billing)).andReturn().getResponse()
			.getContentAsString()).contains(name).contains("4.99");

		var support = authentication(fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true));
		assertThat(mvc.perform(get("/admin/billing/catalogue").with(support)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		var customer = authentication(fixtures.authentication(customer(Locale.ENGLISH).id(), false));
		assertThat(mvc.perform(post("/admin/billing/catalogue/products").with(customer).with(csrf())
			.param("kind", "HOSTING").param("name", "x")).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(catalogue.all().stream().filter(p -> p.name().equals("x"))).isEmpty();
	}

	@Test
	@DisplayName("RIG-1, RIG-3, BIL-6: billing's data holder exports the profile, orders and subscriptions, and "
			+ "erasure ends the running plan (quota back to the default) and removes them all")
	void exportAndErasure() throws Exception {
		Customer c = customer(Locale.ENGLISH);
		postJson(c, "/api/v1/orders", orderJson(small, "month", true));
		PersonalDataHolder holder = holders.stream().filter(h -> h.id().equals("billing")).findFirst().orElseThrow();

		Map<String, ExportedCategory> export = new java.util.HashMap<>();
		holder.export(DataSubject.of(c.id())).forEach(e -> export.put(e.category(), e));
		assertThat(export.get("billing-profile").records()).singleElement()
			.satisfies(r -> assertThat(r.get("name")).isEqualTo("Jan Jansen"));
		assertThat(export.get("billing-orders").records()).singleElement()
			.satisfies(r -> assertThat(r.get("termsVersion")).isEqualTo(terms.current()));
		assertThat(export.get("billing-subscriptions").records()).singleElement()
			.satisfies(r -> assertThat(r.get("status")).isEqualTo("ACTIVE"));

		String obligations = "select count(*) from billing_subscription_invoices where account_id = ?";
		assertThat(jdbc.sql(obligations).param(c.id().value()).query(Long.class).single())
			.as("the first term's invoice is owed, recorded with the order").isEqualTo(1);

		var erased = holder.erase(DataSubject.of(c.id()));
		assertThat(erased.removed()).containsEntry("billing-profile", 1).containsEntry("billing-orders", 1)
			.containsEntry("billing-subscriptions", 1);
		assertThat(jdbc.sql(obligations).param(c.id().value()).query(Long.class).single()).isZero();
		assertThat(usage.of(c.id()).quota()).isEqualTo(storage.defaultQuota().toBytes());
		assertThat(holder.export(DataSubject.of(c.id()))).allSatisfy(e -> assertThat(e.records()).isEmpty());
		assertThat(holder.erase(DataSubject.of(c.id())).removed().values()).allMatch(n -> n == 0);
	}
}
