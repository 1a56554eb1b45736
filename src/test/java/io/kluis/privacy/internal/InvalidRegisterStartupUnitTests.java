package io.kluis.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.privacy.register.InvalidRegisterException;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.RegisterProblem;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * PUR-1/PUR-3: Kluis refuses to start on an invalid register or one the modules do not match, and
 * says exactly where the problem is. The context holds only the register configuration and stand-in
 * holders, the way the real modules declare themselves.
 */
class InvalidRegisterStartupUnitTests {

	@TempDir
	Path dir;

	/** The foundation's holders as the modules declare them. */
	static final List<PersonalDataHolder> FOUNDATION = List.of(
			holder("identity", "customer-identity", "contact-email", "credentials", "registration-evidence",
					"unverified-registration", "sessions", "login-protection"),
			holder("audit", "security-log"), holder("notifications", "sent-mail"),
			holder("newsletter", "newsletter-subscription"), holder("privacy", "consent-records", "visit-id"),
			holder("privacy", "processing-restrictions", "data-exports"), holder("privacy", "policy-notices"),
			holder("privacy", "privacy-requests", "id-copies"), holder("privacy", "disclosure-records"),
			holder("storage", "stored-files", "storage-trash", "storage-shares",
					"storage-share-log", "storage-peer-shares", "storage-sharing-keys"),
			holder("storage", "break-glass-records"),
			holder("billing", "billing-profile", "billing-orders", "billing-subscriptions"),
			holder("billing", "invoices"), holder("billing", "payment-details", "payment-records"),
			holder("billing", "billing-dunning"), holder("hosting", "page-views"));

	@Test
	@DisplayName("PUR-3: the shipped register with the foundation's holders starts")
	void theShippedRegisterWithTheFoundationsHoldersStarts() throws IOException {
		runner(register(UnaryOperator.identity()), FOUNDATION).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ProcessingRegister.class);
		});
	}

	@Test
	@DisplayName("PUR-1: a purpose without a legal basis stops the start with its location")
	void aPurposeWithoutLegalBasisStopsTheStart() throws IOException {
		String register = register(yaml -> yaml.replaceFirst("\n    legalBasis: contract\n", "\n"));

		assertThat(problems(register, FOUNDATION)).contains(
				"purposes[account].legalBasis: missing: every purpose needs a legal basis from art. 6(1) (PUR-1)");
	}

	@Test
	@DisplayName("RET-1: a retention rule for an undeclared category stops the start")
	void aRetentionRuleForAnUndeclaredCategoryStopsTheStart() throws IOException {
		String register = register(yaml -> yaml.replace("\nretention:\n", """

				retention:
				  - id: domain-registrations
				    category: domain-registrations
				    trigger: recorded
				    period: P2Y
				    description: { nl: "2 jaar.", en: "2 years." }
				"""));

		assertThat(problems(register, FOUNDATION))
			.contains("retention[domain-registrations].category: retention rule for an undeclared category "
					+ "'domain-registrations'");
	}

	@Test
	@DisplayName("PUR-3: a declared category that no module holds stops the start")
	void aDeclaredCategoryNobodyHoldsStopsTheStart() throws IOException {
		var withoutNotifications = FOUNDATION.stream().filter(h -> !h.module().equals("notifications")).toList();

		assertThat(problems(register(UnaryOperator.identity()), withoutNotifications)).containsExactly(
				"categories[sent-mail]: no module 'notifications' can export and erase this category (is the module present?)");
	}

	@Test
	@DisplayName("PUR-3: a category a module stores but the register does not declare stops the start")
	void anUndeclaredStoredCategoryStopsTheStart() throws IOException {
		var holders = new java.util.ArrayList<>(FOUNDATION);
		holders.add(holder("domains", "domain-registrations"));

		assertThat(problems(register(UnaryOperator.identity()), holders)).containsExactly(
				"categories: module 'domains' stores category 'domain-registrations', which the register does not "
						+ "declare (PUR-3)");
	}

	@Test
	@DisplayName("PUR-3: a category declared for another module than the one holding it stops the start")
	void aCategoryHeldByTheWrongModuleStopsTheStart() throws IOException {
		var holders = List.of(FOUNDATION.get(0), FOUNDATION.get(1), FOUNDATION.get(3), holder("audit-copy", "sent-mail"));

		assertThat(problems(register(UnaryOperator.identity()), holders)).contains(
				"categories[sent-mail].heldBy: says 'notifications' but module 'audit-copy' holds it",
				"categories[sent-mail]: no module 'notifications' can export and erase this category (is the module present?)");
	}

	private List<String> problems(String registerLocation, List<PersonalDataHolder> holders) {
		var problems = new java.util.ArrayList<String>();
		runner(registerLocation, holders).run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidRegisterException)) {
				failure = failure.getCause();
			}
			assertThat(failure).as("the start-up failure names the register's problems").isNotNull();
			assertThat(failure.getMessage()).startsWith("The processing register ");
			((InvalidRegisterException) failure).problems().stream().map(RegisterProblem::toString).forEach(problems::add);
		});
		return problems;
	}

	private static ApplicationContextRunner runner(String registerLocation, List<PersonalDataHolder> holders) {
		var runner = new ApplicationContextRunner().withUserConfiguration(Properties.class, RegisterConfiguration.class)
			.withPropertyValues("kluis.privacy.register-location=" + registerLocation);
		for (int i = 0; i < holders.size(); i++) {
			var holder = holders.get(i);
			runner = runner.withBean("holder" + i, PersonalDataHolder.class, () -> holder);
		}
		return runner;
	}

	/** The shipped register, changed by {@code edit}, as a file URL. */
	private String register(UnaryOperator<String> edit) throws IOException {
		String shipped = new ClassPathResource("privacy/register.yml").getContentAsString(StandardCharsets.UTF_8);
		String edited = edit.apply(shipped);
		Path file = dir.resolve("register.yml");
		Files.writeString(file, edited);
		return file.toUri().toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PrivacyProperties.class)
	static class Properties {
	}

	static PersonalDataHolder holder(String module, String... categories) {
		return new PersonalDataHolder() {
			@Override
			public String module() {
				return module;
			}

			@Override
			public Set<String> categories() {
				return Set.of(categories);
			}

			@Override
			public List<ExportedCategory> export(DataSubject subject) {
				return List.of();
			}

			@Override
			public Erased erase(DataSubject subject) {
				return Erased.none();
			}

			@Override
			public int applyRetention(String category, Instant cutoff, boolean dryRun) {
				return 0;
			}

			@Override
			public String toString() {
				return "holder " + module;
			}
		};
	}
}
