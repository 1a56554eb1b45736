package io.kluis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acceptance 7 (SEC-5): no input makes the JSON API fail with a 500. Every route under
 * {@code /api/} is discovered from Spring's handler mappings, so a new endpoint is covered without
 * touching this test, and gets malformed JSON, JSON of the wrong shape and types, oversize fields,
 * empty bodies, wrong content types, wrong methods and unknown paths, with and without valid
 * credentials, against a real server (so the servlet container's error handling is included).
 * Every refusal must be a 4xx problem document ({@code application/problem+json} with
 * {@code status} and a {@code title} or {@code detail}).
 */
@KluisIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiRobustnessIntegrationTests extends WithMailbox {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<RequestMethod> METHODS = EnumSet.of(RequestMethod.GET, RequestMethod.POST,
			RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

	/** A route whose Authorization header carries the account password, not an app password. */
	private static final String ACCOUNT_PASSWORD_ROUTE = "POST /api/v1/app-passwords";

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	AppPasswords appPasswords;

	HttpClient http;

	TestAccounts.Known customer;

	String appPassword;

	final List<String> problems = new ArrayList<>();

	int requests;

	/** One API route: method, path pattern and the handler (to see whether it reads a body). */
	record Route(RequestMethod method, String pattern, HandlerMethod handler) {

		String key() {
			return method + " " + pattern;
		}

		@Nullable Class<?> bodyType() {
			for (MethodParameter parameter : handler.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					return parameter.getParameterType();
				}
			}
			return null;
		}
	}

	/** A request body to send and whether the route must refuse it (true) or may accept it. */
	record Body(String name, @Nullable String contentType, byte[] content, boolean mustRefuse) {

		static Body json(String name, String content, boolean mustRefuse) {
			return new Body(name, "application/json", content.getBytes(StandardCharsets.UTF_8), mustRefuse);
		}
	}

	@BeforeEach
	void setUp() {
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		customer = TestAccounts.in(context).verified();
		appPassword = appPasswords.create(customer.id(), "robustness test", EnumSet.allOf(AppPasswordScope.class)).secret();
	}

	@Test
	void everyApiRouteIsDiscovered() {
		assertThat(routes()).extracting(Route::key)
			.contains("POST /api/v1/accounts", "POST /api/v1/password-resets", "GET /api/v1/me", "PATCH /api/v1/me",
					"GET /api/v1/app-passwords", "POST /api/v1/app-passwords", "DELETE /api/v1/app-passwords/{id}",
					"GET /api/v1/me/newsletter", "PUT /api/v1/me/newsletter", "DELETE /api/v1/me/newsletter");
	}

	@Test
	@DisplayName("SEC-5: malformed, mistyped, oversize, wrong-content-type and boundary-less multipart bodies on every API route are 4xx problem documents, never a 500")
	void malformedBodiesAreRefusedWithAProblemDocumentNeverA500() throws Exception {
		for (Route route : routes()) {
			Class<?> bodyType = route.bodyType();
			for (Body body : bodies(bodyType)) {
				for (boolean authenticated : new boolean[] { false, true }) {
					String path = route.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
					var response = send(route.method().name(), path, body, authenticated ? credentials(route) : null);
					boolean strict = bodyType != null && body.mustRefuse();
					check(route.key() + " body=" + body.name() + (authenticated ? " (authenticated)" : ""), response,
							strict);
				}
			}
		}
		assertThat(problems).as(requests + " requests").isEmpty();
	}

	@Test
	@DisplayName("SEC-5: malformed ids, wrong methods and unknown paths under /api are 4xx problem documents")
	void malformedPathVariablesWrongMethodsAndUnknownPathsAreProblemDocuments() throws Exception {
		var byPattern = new TreeMap<String, Set<RequestMethod>>();
		for (Route route : routes()) {
			byPattern.computeIfAbsent(route.pattern(), p -> EnumSet.noneOf(RequestMethod.class)).add(route.method());
		}
		Body empty = new Body("none", null, new byte[0], false);
		for (var entry : byPattern.entrySet()) {
			String pattern = entry.getKey();
			for (RequestMethod method : METHODS) {
				boolean mapped = entry.getValue().contains(method);
				for (boolean authenticated : new boolean[] { false, true }) {
					String auth = authenticated ? basic(customer.email(), appPassword) : null;
					if (pattern.contains("{")) {
						String path = pattern.replaceAll("\\{[^}]+}", "not-a-uuid");
						check(method + " " + path, send(method.name(), path, empty, auth), true);
					}
					if (!mapped) {
						String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
						check(method + " " + path + " (not mapped)", send(method.name(), path, empty, auth), true);
					}
				}
			}
		}
		for (String path : new String[] { "/api/v1/nope", "/api/v1/me/nope", "/api/v1/app-passwords/x/y",
				"/api/v2/me", "/api/", "/api/v1/accounts/" + UUID.randomUUID() }) {
			for (RequestMethod method : METHODS) {
				check(method + " " + path, send(method.name(), path, empty, null), true);
				check(method + " " + path + " (authenticated)",
						send(method.name(), path, empty, basic(customer.email(), appPassword)), true);
			}
		}
		assertThat(problems).as(requests + " requests").isEmpty();
	}

	@Test
	void aClientThatAcceptsNoJsonStillGetsAProblemDocumentNeverA500() throws Exception {
		Body broken = Body.json("truncated", "{\"email\": ", true);
		for (String accept : new String[] { "text/html", "application/xml", "image/png", "*/*" }) {
			check("POST /api/v1/accounts Accept: " + accept, send("POST", "/api/v1/accounts", broken, null, accept), true);
			check("GET /api/v1/nope Accept: " + accept,
					send("GET", "/api/v1/nope", broken, basic(customer.email(), appPassword), accept), true);
			check("GET /api/v1/me Accept: " + accept, send("GET", "/api/v1/me", broken, null, accept), true);
			check("PUT /api/v1/me Accept: " + accept,
					send("PUT", "/api/v1/me", broken, basic(customer.email(), appPassword), accept), true);
		}
		// An Accept header that cannot be parsed leaves no format to answer in: a bare 4xx is all we ask.
		assertThat(send("POST", "/api/v1/accounts", broken, null, "nonsense").statusCode()).isBetween(400, 499);
		assertThat(problems).as(requests + " requests").isEmpty();
	}

	/** The routes under /api/, one per HTTP method (an unrestricted mapping counts for every method). */
	private List<Route> routes() {
		var routes = new ArrayList<Route>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					for (RequestMethod method : methods.isEmpty() ? METHODS : methods) {
						routes.add(new Route(method, pattern, handler));
					}
				}
			}
		});
		return routes;
	}

	private @Nullable String credentials(Route route) {
		return route.key().equals(ACCOUNT_PASSWORD_ROUTE) ? basic(customer.email(), customer.password())
				: basic(customer.email(), appPassword);
	}

	/**
	 * The bodies to try. For a route that reads a body, its record components decide the wrong types:
	 * an object or array where a string belongs, a non-date where a date belongs. Numbers and booleans
	 * where a string belongs are coerced by Jackson, so the route may accept them.
	 */
	private static List<Body> bodies(@Nullable Class<?> type) {
		var bodies = new ArrayList<Body>();
		bodies.add(Body.json("truncated", "{\"email\": \"someone@example.org\", ", true));
		bodies.add(Body.json("not-json", "this is not json", true));
		bodies.add(Body.json("unquoted", "{email: someone}", true));
		bodies.add(Body.json("array", "[]", true));
		bodies.add(Body.json("array-of-object", "[{}]", true));
		bodies.add(Body.json("string", "\"text\"", true));
		bodies.add(Body.json("number", "42", true));
		bodies.add(Body.json("deeply-nested", "{\"a\":" + "[".repeat(100_000), true));
		bodies.add(Body.json("huge-number", "{\"a\": 1e999999999}", false));
		bodies.add(new Body("empty-json", "application/json", new byte[0], false));
		bodies.add(new Body("invalid-utf8", "application/json", new byte[] { '{', '"', 'a', '"', ':', '"',
				(byte) 0xC3, (byte) 0x28, '"', '}' }, false));
		bodies.add(new Body("bad-charset", "application/json; charset=no-such-charset",
				"{}".getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("text-plain", "text/plain", "email=someone".getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("xml", "application/xml", "<email>x</email>".getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("form", "application/x-www-form-urlencoded",
				"email=someone%40example.org".getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("no-content-type", null, "{}".getBytes(StandardCharsets.UTF_8), false));
		// issue 8: a multipart body without a boundary answered 500 on 19 routes, some unauthenticated
		bodies.add(new Body("multipart-without-boundary", "multipart/form-data",
				"--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nsomeone\r\n--x--\r\n"
					.getBytes(StandardCharsets.UTF_8), true));
		bodies.add(new Body("multipart-broken", "multipart/form-data; boundary=zzz",
				"not multipart at all".getBytes(StandardCharsets.UTF_8), true));
		bodies.add(new Body("multipart-json-boundary", "multipart/form-data; boundary=x",
				"{\"email\": \"someone@example.org\"}".getBytes(StandardCharsets.UTF_8), true));
		if (type == null || !type.isRecord()) {
			bodies.add(Body.json("object", "{}", false));
			return bodies;
		}
		RecordComponent[] components = type.getRecordComponents();
		bodies.add(Body.json("objects-for-strings", fields(components, c -> c.getType() == String.class ? "{}" : null), true));
		bodies.add(Body.json("arrays-for-strings", fields(components, c -> c.getType() == String.class ? "[1, 2]" : null), true));
		bodies.add(Body.json("numbers-for-strings", fields(components, c -> c.getType() == String.class ? "12" : null), false));
		bodies.add(Body.json("booleans-for-strings", fields(components, c -> c.getType() == String.class ? "true" : null), false));
		bodies.add(Body.json("nulls", fields(components, c -> "null"), false));
		if (List.of(components).stream().anyMatch(c -> c.getType() == LocalDate.class)) {
			bodies.add(Body.json("not-a-date", fields(components, c -> c.getType() == LocalDate.class ? "\"not-a-date\"" : null), true));
			bodies.add(Body.json("impossible-date", fields(components, c -> c.getType() == LocalDate.class ? "\"1990-02-31\"" : null), true));
			bodies.add(Body.json("date-as-object", fields(components, c -> c.getType() == LocalDate.class ? "{\"y\":1}" : null), true));
		}
		String megabyte = "\"" + "x".repeat(1024 * 1024) + "\"";
		String hundredThousand = "\"" + "Zyxwvutsrq".repeat(10_000) + "\"";
		bodies.add(Body.json("1MB-strings", fields(components, c -> c.getType() == String.class ? megabyte : null), false));
		bodies.add(Body.json("100k-char-strings", fields(components, c -> c.getType() == String.class ? hundredThousand : null), false));
		bodies.add(Body.json("unknown-fields", "{\"isAdmin\": true, \"roles\": [\"ADMIN\"], \"id\": \"" + UUID.randomUUID() + "\"}", false));
		return bodies;
	}

	/** A JSON object with {@code value(component)} for every component that has one. */
	private static String fields(RecordComponent[] components, Function<RecordComponent, @Nullable String> value) {
		var fields = new LinkedHashMap<String, String>();
		for (RecordComponent component : components) {
			String v = value.apply(component);
			if (v != null) {
				fields.put(component.getName(), v);
			}
		}
		var json = new StringBuilder("{");
		fields.forEach((name, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(v));
		return json.append('}').toString();
	}

	private HttpResponse<byte[]> send(String method, String path, Body body, @Nullable String authorization)
			throws Exception {
		return send(method, path, body, authorization, "application/json, application/problem+json");
	}

	private HttpResponse<byte[]> send(String method, String path, Body body, @Nullable String authorization,
			String accept) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", accept)
			.method(method, body.content().length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body.content()));
		if (body.contentType() != null) {
			request.header("Content-Type", body.contentType());
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		requests++;
		return http.send(request.build(), BodyHandlers.ofByteArray());
	}

	private void check(String what, HttpResponse<byte[]> response, boolean mustRefuse) {
		int status = response.statusCode();
		if (status >= 500) {
			problems.add(what + ": " + status);
			return;
		}
		if (status < 400) {
			if (mustRefuse) {
				problems.add(what + ": accepted with " + status);
			}
			return;
		}
		if (what.startsWith("HEAD ")) {
			return; // a HEAD response has no body (RFC 9110 §9.3.2): the status is all it can say
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (!contentType.startsWith("application/problem+json")) {
			problems.add(what + ": " + status + " with Content-Type '" + contentType + "'");
			return;
		}
		try {
			JsonNode problem = JSON.readTree(response.body());
			boolean explained = problem.hasNonNull("title") && !problem.get("title").asString().isBlank()
					|| problem.hasNonNull("detail") && !problem.get("detail").asString().isBlank();
			if (!problem.hasNonNull("status") || problem.get("status").asInt() != status || !explained) {
				problems.add(what + ": " + status + " with an incomplete problem document " + problem);
			}
		}
		catch (RuntimeException e) {
			problems.add(what + ": " + status + " with a body that is not JSON");
		}
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}
}
