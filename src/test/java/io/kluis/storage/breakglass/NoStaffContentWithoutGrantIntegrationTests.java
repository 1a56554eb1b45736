package io.kluis.storage.breakglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.shared.AccountId;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * STO-3 "staff have no content access by default", checked against every route the application has
 * rather than a list that could fall behind: every GET route under {@code /admin} and
 * {@code /panel}, with its path variables filled with every id and name the test knows (the
 * customer, the space, the file, the folders, the break-glass requests), asked by a staff member of
 * each role, never returns the file's bytes, while break-glass requests exist that are only
 * requested, declined or expired. The file is unique random text, so any route that served it would
 * be caught.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
class NoStaffContentWithoutGrantIntegrationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	BreakGlass breakGlass;

	@Test
	@DisplayName("STO-3: without an approved, unexpired grant no GET route under /admin or /panel serves a customer's "
			+ "file to any staff role, not even to the requester of a pending or declined request")
	void noRouteServesContentWithoutAGrant() throws Exception {
		var fixtures = TestAccounts.in(context);
		var customer = fixtures.verified();
		Space space = spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		String marker = "customer-content-" + UUID.randomUUID();
		byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
		Node file = tree.write(space, FilePath.ofJoined("secret.txt"), new ByteArrayInputStream(bytes), bytes.length,
				"text/plain", FileTree.Precondition.NONE).node();
		Node root = tree.resolve(space, FilePath.ROOT).orElseThrow();

		var admin = fixtures.staff(Set.of(Role.ADMIN));
		var officer = fixtures.staff(Set.of(Role.PRIVACY_OFFICER));
		Authentication adminAuth = fixtures.authentication(admin.id(), true);
		Authentication officerAuth = fixtures.authentication(officer.id(), true);
		String reason = "Suspected breach: the space is said to hold leaked credentials.";
		UUID pending = asStaff(adminAuth, () -> breakGlass.file(customer.id(), "files", reason, 2, admin.id()).id());
		UUID declined = asStaff(adminAuth, () -> breakGlass.file(customer.id(), "files", reason, 2, admin.id()).id());
		mvc.perform(post("/admin/break-glass/{id}/decline", declined).with(authentication(officerAuth)).with(csrf()));

		List<String> values = List.of(customer.id().value().toString(), space.id().toString(), file.id().toString(),
				root.id().toString(), pending.toString(), declined.toString(), "files", "secret.txt");
		Map<String, Authentication> staff = new LinkedHashMap<>();
		staff.put("requester (admin)", adminAuth);
		staff.put("privacy officer", officerAuth);
		for (Role role : List.of(Role.ADMIN, Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER)) {
			staff.put(role.name(), fixtures.authentication(fixtures.staff(Set.of(role)).id(), true));
		}
		staff.put("all roles", fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN, Role.SUPPORT, Role.BILLING,
				Role.PRIVACY_OFFICER)).id(), true));

		Set<String> routes = getRoutes();
		assertThat(routes).as("the walk sees the break-glass and file routes, so it can fail")
			.contains("/admin/break-glass/{id}/files/{file}", "/admin/break-glass/{id}/files", "/panel/files/api/spaces");
		var served = new TreeSet<String>();
		int requests = 0;
		for (String route : routes) {
			for (String path : expand(route, values)) {
				for (var as : staff.entrySet()) {
					for (String query : List.of("", "?folder=" + root.id(), "?customer=" + customer.id().value())) {
						var response = mvc.perform(get(path + query).with(authentication(as.getValue()))).andReturn()
							.getResponse();
						requests++;
						if (response.getContentAsString(StandardCharsets.UTF_8).contains(marker)) {
							served.add(as.getKey() + " GET " + path + query);
						}
					}
				}
			}
		}
		assertThat(requests).isGreaterThan(100);
		assertThat(served).as("routes that served the customer's file to staff without a grant").isEmpty();
	}

	private Set<String> getRoutes() {
		var routes = new TreeSet<String>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/admin") || pattern.startsWith("/panel")) {
					routes.add(pattern);
				}
			}
		}
		return routes;
	}

	/** Every way of filling the pattern's variables with the values (all combinations). */
	private static List<String> expand(String pattern, List<String> values) {
		List<String> paths = new ArrayList<>(List.of(pattern));
		while (paths.stream().anyMatch(p -> VARIABLE.matcher(p).find())) {
			var next = new LinkedHashSet<String>();
			for (String p : paths) {
				Matcher m = VARIABLE.matcher(p);
				if (!m.find()) {
					next.add(p);
					continue;
				}
				for (String value : values) {
					next.add(p.substring(0, m.start()) + value + p.substring(m.end()));
				}
			}
			paths = new ArrayList<>(next);
		}
		return paths;
	}

	private static <T> T asStaff(Authentication as, java.util.concurrent.Callable<T> action) throws Exception {
		var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
		context.setAuthentication(as);
		org.springframework.security.core.context.SecurityContextHolder.setContext(context);
		try {
			return action.call();
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}
}
