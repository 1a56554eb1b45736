package io.kluis.billing.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.billing.BillingIntegrationTest;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Staff import a CAMT.053 statement over the API and from the command line, against the real
 * database: matched credits pay their payable, partial ones are recorded, unknown and malformed ones
 * are reported with their position, a second import pays nothing; customers are refused, broken and
 * oversized files are 400 and 413, never 500.
 */
class BankStatementsApiIntegrationTests extends BillingIntegrationTest {

	static final String PATH = "/api/v1/admin/billing/bank-statements";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	AppPasswords appPasswords;

	@Autowired
	ImportCamtCommand command;

	@Test
	@DisplayName("BIL-1: a BILLING staff member imports a statement: matched, partial, unknown, malformed with position; the second import pays nothing")
	void billingStaffImportsStatement() throws Exception {
		String prefix = unique();
		PAYABLES.with(prefix + "01", "121.00").with(prefix + "02", "100.00");
		String xml = statement(prefix).replace("<Amt Ccy=\"EUR\">15.00</Amt>", "<Amt Ccy=\"EUR\">1,5</Amt>");
		var staff = TestAccounts.in(context).staff(Set.of(Role.BILLING));
		String secret = appPasswords.create(staff.id(), "camt", EnumSet.allOf(AppPasswordScope.class)).secret();

		upload(xml, staff.email(), secret).andExpect(status().isOk())
			.andExpect(jsonPath("$.matched[0].reference").value(prefix + "01"))
			.andExpect(jsonPath("$.partial[0].reference").value(prefix + "02"))
			.andExpect(jsonPath("$.partial[0].amountOpen").value(100.00))
			.andExpect(jsonPath("$.unknown.length()").value(3))
			.andExpect(jsonPath("$.malformed[0].entryIndex").value(4))
			.andExpect(jsonPath("$.malformed[0].line").value(84))
			.andExpect(jsonPath("$.debitsIgnored").value(1));
		assertThat(PAYABLES.recorded).filteredOn(r -> r.reference().startsWith(prefix))
			.extracting(InMemoryOpenPayables.Recorded::kind)
			.containsExactly("paid", "partial");

		upload(xml, staff.email(), secret).andExpect(status().isOk())
			.andExpect(jsonPath("$.matched.length()").value(0))
			.andExpect(jsonPath("$.alreadyImported.length()").value(2));
		assertThat(PAYABLES.recorded).filteredOn(r -> r.reference().startsWith(prefix)).hasSize(2);
	}

	@Test
	@DisplayName("SEC-4: customers are refused; a broken file is 400 with its line; an oversized one 413")
	void refusals() throws Exception {
		var customer = TestAccounts.in(context).verified();
		String customerSecret = appPasswords.create(customer.id(), "camt", EnumSet.allOf(AppPasswordScope.class)).secret();
		upload(statement(unique()), customer.email(), customerSecret).andExpect(status().isForbidden());

		var administrator = TestAccounts.in(context).staff(Set.of(Role.ADMIN));
		String adminSecret = appPasswords.create(administrator.id(), "camt", EnumSet.allOf(AppPasswordScope.class)).secret();
		upload(statement(unique()), administrator.email(), adminSecret)
			.andExpect(status().isForbidden());

		var admin = TestAccounts.in(context).staff(Set.of(Role.BILLING));
		String secret = appPasswords.create(admin.id(), "camt", EnumSet.allOf(AppPasswordScope.class)).secret();
		upload("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<Oops>", admin.email(), secret)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.line").value(2));
		upload("{\"not\":\"xml\"}", admin.email(), secret).andExpect(status().isBadRequest());
		upload("", admin.email(), secret).andExpect(status().isBadRequest());
		String huge = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"
				+ "<!--" + "x".repeat(21 * 1024 * 1024) + "-->";
		upload(huge, admin.email(), secret).andExpect(status().isPayloadTooLarge());
	}

	@Test
	@DisplayName("billing import-camt FILE prints the report; a missing file is a usage error")
	void commandLine(@TempDir Path dir) throws Exception {
		String prefix = unique();
		PAYABLES.with(prefix + "01", "121.00");
		Path file = dir.resolve("statement.xml");
		Files.writeString(file, statement(prefix));
		var out = new ByteArrayOutputStream();

		int exit = command.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(printed).contains("matched 1,").contains("matched   " + "CLI-" + prefix).contains("ref " + prefix + "01")
			.doesNotContain("Jansen").doesNotContain("NL20INGB");
		assertThat(command.run(List.of(dir.resolve("missing.xml").toString()), new PrintStream(new ByteArrayOutputStream())))
			.isEqualTo(2);
		assertThat(command.run(List.of(), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
	}

	private ResultActions upload(String xml, String email, String secret) throws Exception {
		return mvc.perform(post(PATH).with(httpBasic(email, secret))
			.contentType(MediaType.APPLICATION_XML)
			.content(xml.getBytes(StandardCharsets.UTF_8)));
	}

	/** The test statement with this test's own references, statement id and bank references (the DB is shared). */
	private static String statement(String prefix) throws Exception {
		return CamtStatementReaderUnitTests.text("camt053-001-02.xml")
			.replace("1000 0000 0000 0001", prefix + "01")
			.replace("1000000000000002", prefix + "02")
			.replace("1000000000000003", prefix + "03")
			.replace("1000000000000004", prefix + "04")
			.replace("20261206-0001", "CLI-" + prefix)
			.replace("ACSR-", prefix + "-");
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
	}
}
