package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.privacy.policy.CanonicalRegister;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterVersions;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * POL-1: versions of the register. On PostgreSQL every test context shares one database and may
 * publish its own register, so these tests assert on their own content and hashes, never on
 * version numbers or counts.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kluis.privacy.register-location=classpath:privacy/test-register-policy.yml")
class PolicyVersionsIntegrationTests extends WithMailbox {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProcessingRegister register;

	@Autowired
	PublishedPolicy policy;

	@Autowired
	RegisterVersions versions;

	@Autowired
	ApplicationContext context;

	TestAccounts fixtures;

	@BeforeEach
	void setUp() {
		fixtures = TestAccounts.in(context);
	}

	@Test
	@DisplayName("POL-1: the effective register is stored as a version at start-up, with its canonical content and hash")
	void theEffectiveRegisterIsStoredAtStartUp() {
		var current = policy.current();
		String content = CanonicalRegister.json(register);
		assertThat(current.hash()).isEqualTo(CanonicalRegister.hash(content));
		assertThat(versions.find(current.number())).get().satisfies(stored -> {
			assertThat(stored.content()).isEqualTo(content);
			assertThat(stored.register()).isEqualTo(register);
		});
		assertThat(policy.publish(register).hash()).as("publishing the same register again adds nothing")
			.isEqualTo(current.hash());
	}

	@Test
	@DisplayName("POL-1: a changed register creates a new version; the old one stays viewable, and the diff shows the change")
	void aChangedRegisterCreatesANewVersionAndTheOldOneStaysViewable() throws Exception {
		var original = policy.current();
		String marker = "Gewijzigd doel " + UUID.randomUUID();
		var changed = withRenamedFirstPurpose(marker, false);

		var published = policy.publish(changed);

		assertThat(published.number()).isGreaterThan(original.number());
		assertThat(published.hash()).isNotEqualTo(original.hash());
		assertThat(page("/privacy/versions/" + published.number() + "?lang=nl")).contains(marker,
				"U leest versie " + published.number());
		assertThat(page("/privacy?lang=nl")).as("this node still shows the register it runs with")
			.doesNotContain(marker)
			.contains(register.purposes().get(0).name().nl());
		assertThat(page("/privacy/versions?lang=en")).contains("id=\"version-" + original.number() + "\"",
				"id=\"version-" + published.number() + "\"");
		assertThat(versions.find(original.number())).get().satisfies(v -> assertThat(v.register()).isEqualTo(register));

		Authentication officer = fixtures.authentication(fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id(), true);
		String admin = page("/admin/privacy/versions?lang=en", officer);
		String section = PolicyPagesIntegrationTests.section(admin, "version-" + published.number());
		// the version before may be another test's (or, on a shared PostgreSQL, another context's) register
		var before = versions.find(published.number() - 1).orElseThrow().register().purposes().stream()
			.filter(p -> p.id().equals(register.purposes().get(0).id())).findFirst();
		assertThat(section).contains(marker);
		if (before.isPresent()) {
			assertThat(section).contains("purposes", register.purposes().get(0).id(), "name.nl",
					PolicyPagesIntegrationTests.html(before.get().name().nl()), "changed");
		}
	}

	@Test
	@DisplayName("POL-1: two nodes publishing the same new register at once store it once")
	void twoNodesPublishingAtOnceStoreOneVersion() throws Exception {
		var changed = withRenamedFirstPurpose("Gelijktijdig " + UUID.randomUUID(), false);
		String hash = CanonicalRegister.hash(CanonicalRegister.json(changed));
		Callable<Integer> publish = () -> policy.publish(changed).number();
		var pool = Executors.newFixedThreadPool(4);
		try {
			var results = pool.invokeAll(java.util.List.of(publish, publish, publish, publish));
			var numbers = new java.util.HashSet<Integer>();
			for (var r : results) {
				numbers.add(r.get());
			}
			assertThat(numbers).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(versions.all()).filteredOn(v -> v.hash().equals(hash)).hasSize(1);
	}

	@Test
	@DisplayName("SEC-4: the version history and the Art. 30 record are for administrators and the privacy officer only")
	void theAdminPagesAreForAdministratorsAndThePrivacyOfficer() throws Exception {
		Authentication customer = fixtures.authentication(fixtures.verified().id(), true);
		Authentication support = fixtures.authentication(fixtures.staff(Set.of(Role.SUPPORT)).id(), true);
		Authentication admin = fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true);
		for (String path : new String[] { "/admin/privacy/versions", "/admin/privacy/art30.csv", "/admin/privacy/art30.pdf" }) {
			assertThat(status(path, customer)).as(path).isEqualTo(403);
			assertThat(status(path, support)).as(path).isEqualTo(403);
			assertThat(status(path, admin)).as(path).isEqualTo(200);
		}
		assertThat(mvc.perform(get("/admin/privacy/versions")).andReturn().getResponse().getStatus()).isIn(302, 401);
	}

	@Test
	@DisplayName("PUR-1: the Art. 30 record has one CSV row per purpose and category, and renders as a PDF")
	void theArt30RecordHasOneRowPerPurposeAndCategory() throws Exception {
		Authentication officer = fixtures.authentication(fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id(), true);
		MvcResult csv = mvc.perform(get("/admin/privacy/art30.csv?lang=nl").with(authentication(officer))).andReturn();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		String body = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
		int rows = register.purposes().stream().mapToInt(p -> p.categories().size()).sum();
		assertThat(body.split("\r\n")).hasSize(rows + 1);
		assertThat(body).contains("Grondslag", "uitvoering van de overeenkomst met u (AVG artikel 6 lid 1 onder b)",
				"30 dagen na opzegging van uw account");

		MvcResult pdf = mvc.perform(get("/admin/privacy/art30.pdf?lang=en").with(authentication(officer))).andReturn();
		assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
		byte[] document = pdf.getResponse().getContentAsByteArray();
		assertThat(new String(document, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(document.length).isGreaterThan(2000);
	}

	ProcessingRegister withRenamedFirstPurpose(String dutchName, boolean significant) {
		var purposes = new ArrayList<>(register.purposes());
		var first = purposes.get(0);
		purposes.set(0, new ProcessingRegister.Purpose(first.id(), new Text(dutchName, first.name().en()),
				first.description(), first.legalBasis(), first.legitimateInterest(), first.categories(), first.subjects()));
		return new ProcessingRegister(new ProcessingRegister.Version(significant, new Text("Doel hernoemd: " + dutchName,
				"Purpose renamed: " + dutchName)), register.provider(), register.subjects(), register.categories(), purposes,
				register.recipients(), register.retention(), register.cookies(), register.statements());
	}

	int status(String path, Authentication as) throws Exception {
		return mvc.perform(get(path).with(authentication(as))).andReturn().getResponse().getStatus();
	}

	String page(String path) throws Exception {
		MvcResult result = mvc.perform(get(path)).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	String page(String path, Authentication as) throws Exception {
		MvcResult result = mvc.perform(get(path).with(authentication(as))).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
