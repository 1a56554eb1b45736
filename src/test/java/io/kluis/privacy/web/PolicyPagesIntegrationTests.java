package io.kluis.privacy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.privacy.policy.PolicyText;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.register.ProcessingRegister;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/** The public privacy pages, rendered from a test register, in both languages and without login. */
@KluisIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kluis.privacy.register-location=classpath:privacy/test-register-policy.yml")
class PolicyPagesIntegrationTests extends WithMailbox {

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProcessingRegister register;

	@Autowired
	PublishedPolicy policy;

	@Autowired
	MessageSource messages;

	@Test
	@DisplayName("PUR-1, POL-1: /privacy shows every purpose of the register with its legal basis, the legitimate "
			+ "interest where (f), and the last-modified date of the current version")
	void theStatementShowsEveryPurposeWithItsLegalBasisAndTheDate() throws Exception {
		for (Locale locale : new Locale[] { Locale.ENGLISH, DUTCH }) {
			String page = page("/privacy?lang=" + locale.getLanguage());
			var text = new PolicyText(register, messages, locale);
			assertThat(register.purposes()).isNotEmpty().allSatisfy(purpose -> {
				assertThat(page).contains("id=\"purpose-" + purpose.id() + "\"");
				assertThat(section(page, "purpose-" + purpose.id())).contains(html(text.t(purpose.name())),
						html(text.basis(purpose)));
				if (purpose.legitimateInterest() != null) {
					assertThat(section(page, "purpose-" + purpose.id())).contains(html(text.t(purpose.legitimateInterest())));
				}
			});
			String date = policy.current().publishedOn().format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
			assertThat(page).contains("id=\"last-modified\"").contains(date).contains("href=\"/privacy/versions\"");
		}
		assertThat(page("/privacy?lang=en")).contains("6(1)(b)", "6(1)(f)", "Testhosting Policy B.V.", "12345678",
				"J. Jansen");
	}

	@Test
	@DisplayName("RIG-9: /privacy names the Autoriteit Persoonsgegevens with its address and links to its website")
	void theStatementNamesTheSupervisoryAuthority() throws Exception {
		var ap = register.provider().supervisoryAuthority();
		for (String lang : new String[] { "nl", "en" }) {
			String complaint = section(page("/privacy?lang=" + lang), "complaint");
			assertThat(complaint).contains(ap.name(), html(ap.address()), "href=\"" + ap.url() + "\"");
		}
	}

	@Test
	@DisplayName("RIG-1..RIG-8: the rights are explained with links to self-service and the request form")
	void theRightsLinkToSelfService() throws Exception {
		String rights = section(page("/privacy?lang=en"), "rights");
		assertThat(rights).contains("right-access", "right-rectification", "right-erasure", "right-restriction",
				"right-portability", "right-objection", "right-requests", "right-after");
		assertThat(rights).contains("href=\"/panel/my-data\"", "href=\"/panel/privacy\"", "href=\"/requests\"",
				"mailto:" + register.provider().privacyContact());
	}

	@Test
	@DisplayName("RET-1: the retention matrix shows every retention rule with its category, purposes, period in words and legal hold")
	void theRetentionMatrixShowsEveryRule() throws Exception {
		for (Locale locale : new Locale[] { Locale.ENGLISH, DUTCH }) {
			String page = page("/privacy/retention?lang=" + locale.getLanguage());
			var text = new PolicyText(register, messages, locale);
			assertThat(register.retention()).isNotEmpty().allSatisfy(rule -> {
				String row = row(page, "retention-" + rule.id());
				assertThat(row).contains(html(text.categoryName(rule.category())), html(text.purposesOf(rule.category())),
						html(text.retention(rule)));
				if (rule.isLegalHold()) {
					assertThat(row).contains(html(text.t(rule.legalHold())));
				}
			});
			assertThat(Pattern.compile("id=\"retention-").matcher(page).results().count()).isEqualTo(register.retention().size());
		}
		assertThat(page("/privacy/retention?lang=nl")).contains("30 dagen na opzegging van uw account",
				"Bewaarplicht uit de testwet, artikel 12.");
		assertThat(section(page("/privacy?lang=en"), "retention")).contains("30 days after you close your account");
	}

	@Test
	@DisplayName("SHR-4, POL-3: the sub-processor page lists exactly the register's processors, with country and agreement")
	void theSubProcessorPageListsExactlyTheProcessors() throws Exception {
		String page = page("/privacy/subprocessors?lang=en");
		Set<String> listed = Pattern.compile("id=\"processor-([a-z0-9-]+)\"").matcher(page).results()
			.map(m -> m.group(1)).collect(Collectors.toSet());
		assertThat(listed).isEqualTo(register.subProcessors().stream().map(ProcessingRegister.Recipient::id)
			.collect(Collectors.toSet()));
		assertThat(row(page, "processor-backup-site")).contains("Offsite Backup GmbH", "Germany",
				"Keeps encrypted backups in a second data centre.", "Yes");
		register.recipients().stream().filter(r -> r.role() != ProcessingRegister.RecipientRole.PROCESSOR)
			.forEach(other -> assertThat(page).doesNotContain(html(other.name())));
		assertThat(page("/privacy/subprocessors?lang=nl")).contains("Duitsland", "Verwerkersovereenkomst");
	}

	@Test
	@DisplayName("SUP-2: the statement that phone calls are not recorded is shown when the provider enables it")
	void anEnabledStatementIsShown() throws Exception {
		assertThat(section(page("/privacy?lang=nl"), "promises")).contains("id=\"statement-no-call-recording\"",
				"Telefoongesprekken met ons worden niet opgenomen.");
		assertThat(section(page("/privacy?lang=en"), "transfers")).contains("All your data stays in the European Union.");
	}

	@Test
	@DisplayName("Both languages: the pages render in Dutch and English with a table of contents, without login")
	void thePagesRenderInBothLanguages() throws Exception {
		String dutch = page("/privacy?lang=nl");
		assertThat(dutch).contains("<html lang=\"nl\"", "<h1>Privacyverklaring</h1>", "Wie wij zijn", "Uw rechten",
				"Laatst gewijzigd op", "Identiteits- en adresgegevens");
		String english = page("/privacy?lang=en");
		assertThat(english).contains("<html lang=\"en\"", "<h1>Privacy statement</h1>", "Who we are", "Your rights",
				"Last modified on", "Identity and address");
		assertThat(english).contains("class=\"card toc\"", "href=\"#retention\"", "scope=\"col\"", "scope=\"row\"");
		assertThat(page("/privacy/versions?lang=nl")).contains("Versies van de privacyverklaring");
		mvc.perform(get("/privacy/versions/999999")).andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
		mvc.perform(get("/privacy/versions/abc")).andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
	}

	String page(String path) throws Exception {
		MvcResult result = mvc.perform(get(path)).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** The element with this id up to its closing tag of the same name (no nesting of the same tag inside). */
	static String section(String page, String id) {
		var m = Pattern.compile("<(\\w+)[^>]*id=\"" + Pattern.quote(id) + "\"").matcher(page);
		assertThat(m.find()).as("element #" + id).isTrue();
		int end = page.indexOf("</" + m.group(1) + ">", m.end());
		return page.substring(m.start(), end);
	}

	static String row(String page, String id) {
		return section(page, id);
	}

	static String html(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}
}
