package io.kluis.storage.breakglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.MutableClock;
import io.kluis.TestClock;
import io.kluis.WithMailbox;
import io.kluis.audit.AuditEntry;
import io.kluis.audit.AuditQuery;
import io.kluis.audit.AuditTrail;
import io.kluis.identity.Role;
import io.kluis.identity.TestAccounts;
import io.kluis.notifications.Notifications;
import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * STO-3 end to end through the admin pages: a reason and a second staff member, the customer told in
 * their language, read-only access for the period only, each file opened on the audit trail by id.
 *
 * <p>The clock starts 60 days in the past so audit entries and mails are never in the future of
 * other tests sharing the database; each test moves it by at most a few days.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
@TestPropertySource(properties = TestClock.OFFSET + "=-60d")
class BreakGlassIntegrationTests extends WithMailbox {

	static final String REASON = "Contain breach INC-2026-17: a leaked app password was used to upload malware.";

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Autowired
	FileTree tree;

	@Autowired
	AuditTrail audit;

	@Autowired
	Notifications notifications;

	@Autowired
	BreakGlassExpiry expiry;

	@Autowired
	BreakGlassDataHolder holder;

	@Autowired
	JdbcClient jdbc;

	TestAccounts fixtures;

	TestAccounts.Known customer;

	Space plain;

	Node file;

	byte[] secret;

	Authentication requester;

	Authentication approver;

	AccountId requesterId;

	AccountId approverId;

	@BeforeEach
	void customerWithAPlainSpaceAndTwoStaffMembers() {
		clock.reset();
		fixtures = TestAccounts.in(context);
		customer = fixtures.verified();
		plain = spaces.create(customer.id(), "files", SpaceKind.PLAIN);
		tree.createFolder(plain, FilePath.ofJoined("reports"));
		secret = ("secret-content-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		file = tree.write(plain, FilePath.ofJoined("reports/upload.html"), new ByteArrayInputStream(secret),
				secret.length, "text/html", FileTree.Precondition.NONE).node();
		requesterId = fixtures.staff(Set.of(Role.ADMIN)).id();
		approverId = fixtures.staff(Set.of(Role.PRIVACY_OFFICER)).id();
		requester = fixtures.authentication(requesterId, true);
		approver = fixtures.authentication(approverId, true);
	}

	UUID fileRequest(Authentication as, AccountId customerId, String space, String reason, int hours) throws Exception {
		MvcResult result = mvc.perform(post("/admin/break-glass").with(authentication(as)).with(csrf())
			.param("customer", customerId.value().toString())
			.param("space", space)
			.param("reason", reason)
			.param("hours", Integer.toString(hours)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = result.getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	String download(UUID request, Authentication as, int expectedStatus) throws Exception {
		return mvc.perform(get("/admin/break-glass/{id}/files/{file}", request, file.id()).with(authentication(as)))
			.andExpect(status().is(expectedStatus))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	List<AuditEntry> auditOf(String code) {
		return audit.recent(AuditQuery.latest().aboutSubject(customer.id()).withCodePrefix(code));
	}

	@Test
	@DisplayName("STO-3: an administrator files a request with a reason; a second staff member approves; the customer is "
			+ "mailed the reason, the period and that the vault stays unreadable; both can then download read-only, "
			+ "each read audited by node id")
	void requestApproveMailAndReadOnlyAccess() throws Exception {
		UUID id = fileRequest(requester, customer.id(), "files", REASON, 4);
		assertThat(download(id, requester, 404)).doesNotContain(new String(secret, StandardCharsets.UTF_8));

		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(approver)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		notifications.flush();
		MimeMessage mail = mailWithSubject(customer.email(), "access to your space files");
		assertThat(Mailbox.body(mail)).contains(REASON, "Your vault stays unreadable to anyone but you",
				"(Amsterdam time)");

		mvc.perform(get("/admin/break-glass/{id}/files", id).with(authentication(requester)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("reports/")));
		String body = mvc.perform(get("/admin/break-glass/{id}/files/{file}", id, file.id()).with(authentication(approver)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox")))
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/octet-stream")))
			.andReturn().getResponse().getContentAsString();
		assertThat(body.getBytes(StandardCharsets.UTF_8)).isEqualTo(secret);

		var reads = auditOf(BreakGlassContent.READ);
		assertThat(reads).hasSize(1);
		assertThat(reads.get(0).actor()).isEqualTo(approverId);
		assertThat(reads.get(0).details()).containsEntry("node", file.id().toString()).containsEntry("request", id.toString());
		assertThat(reads.get(0).details().toString()).doesNotContain("upload.html");
		await().atMost(Duration.ofSeconds(10)).until(() -> auditOf("storage.break-glass.approved").size() == 1
				&& auditOf("storage.break-glass.requested").size() == 1);
		assertThat(auditOf("storage.break-glass.requested").get(0).details().toString()).doesNotContain("INC-2026");

		mvc.perform(post("/admin/break-glass/{id}/revoke", id).with(authentication(requester)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		download(id, approver, 404);
		await().atMost(Duration.ofSeconds(10)).until(() -> auditOf("storage.break-glass.revoked").size() == 1);
	}

	/**
	 * The customer's mail with this subject, among the verification mail of their registration and
	 * the break-glass notice: a flush that sends both delivers them in no fixed order.
	 */
	private static MimeMessage mailWithSubject(String address, String subject) throws Exception {
		for (MimeMessage mail : Mailbox.awaitMails(address, 2)) {
			if (mail.getSubject().contains(subject)) {
				return mail;
			}
		}
		throw new AssertionError("no mail with the subject " + subject);
	}

	@Test
	@DisplayName("STO-3: the customer is told in Dutch when Dutch is their language")
	void mailInTheCustomersLanguage() throws Exception {
		var account = fixtures.verified(Locale.forLanguageTag("nl"));
		spaces.create(account.id(), "werk", SpaceKind.PLAIN);
		UUID id = fileRequest(requester, account.id(), "werk", REASON, 2);
		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(approver)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		notifications.flush();
		MimeMessage mail = mailWithSubject(account.email(), "kregen toegang tot uw opslagruimte werk");
		assertThat(Mailbox.body(mail)).contains("Uw kluis blijft voor iedereen behalve u onleesbaar", REASON);
	}

	@Test
	@DisplayName("STO-3: the requester can never approve their own request; a declined request grants nothing")
	void fourEyes() throws Exception {
		UUID id = fileRequest(requester, customer.id(), "files", REASON, 4);
		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(requester)).with(csrf()))
			.andExpect(status().isForbidden());
		var otherAdmin = fixtures.authentication(fixtures.staff(Set.of(Role.ADMIN)).id(), true);
		mvc.perform(post("/admin/break-glass/{id}/decline", id).with(authentication(otherAdmin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(approver)).with(csrf()))
			.andExpect(status().isConflict());
		download(id, requester, 404);
		download(id, otherAdmin, 404);
		// no break-glass notice (they quote the reason); other mail, e.g. about the account, may arrive
		assertThat(Mailbox.to(customer.email())).noneMatch(mail -> Mailbox.body(mail).contains(REASON));
	}

	@Test
	@DisplayName("STO-3: support and billing staff cannot file, decide or see break-glass requests")
	void onlyAdministratorsAndThePrivacyOfficer() throws Exception {
		UUID id = fileRequest(requester, customer.id(), "files", REASON, 4);
		for (Role role : List.of(Role.SUPPORT, Role.BILLING)) {
			var as = fixtures.authentication(fixtures.staff(Set.of(role)).id(), true);
			mvc.perform(get("/admin/break-glass").with(authentication(as))).andExpect(status().isForbidden());
			mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(as)).with(csrf()))
				.andExpect(status().isForbidden());
		}
		mvc.perform(post("/admin/break-glass").with(authentication(approver)).with(csrf())
			.param("customer", customer.id().value().toString()).param("space", "files").param("reason", REASON)
			.param("hours", "1")).andExpect(status().isForbidden());
	}

	@Test
	@DisplayName("STO-1, STO-3: a vault is refused with an explanation that only the customer can read it; "
			+ "a missing reason, a too long period or another customer's space are refused as bad input or not found")
	void refusals() throws Exception {
		spaces.list(customer.id());
		String vault = mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", customer.id().value().toString()).param("space", "vault").param("reason", REASON)
			.param("hours", "4"))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(vault).contains("nobody but the customer can read them");
		mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", customer.id().value().toString()).param("space", "files").param("reason", "because")
			.param("hours", "4")).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", customer.id().value().toString()).param("space", "files").param("reason", REASON)
			.param("hours", "25")).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", customer.id().value().toString()).param("space", "files").param("reason", "x".repeat(2001))
			.param("hours", "4")).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", "not-a-uuid").param("space", "files").param("reason", REASON).param("hours", "4"))
			.andExpect(status().isBadRequest());
		var other = fixtures.verified();
		mvc.perform(post("/admin/break-glass").with(authentication(requester)).with(csrf())
			.param("customer", other.id().value().toString()).param("space", "files").param("reason", REASON)
			.param("hours", "4")).andExpect(status().isNotFound());
		mvc.perform(post("/admin/break-glass").with(authentication(requester))
			.param("customer", customer.id().value().toString()).param("space", "files").param("reason", REASON)
			.param("hours", "4")).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from storage_break_glass where account_id = ?")
			.param(customer.id().value()).query(Integer.class).single()).isZero();
	}

	@Test
	@DisplayName("STO-3: access ends with its period by the clock, before the expiry job runs; the job records the end once; "
			+ "an undecided request lapses after a day and can no longer be approved")
	void accessEndsWithThePeriod() throws Exception {
		UUID id = fileRequest(requester, customer.id(), "files", REASON, 2);
		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(approver)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		clock.advance(Duration.ofMinutes(119));
		download(id, requester, 200);
		clock.advance(Duration.ofMinutes(1));
		download(id, requester, 404);
		mvc.perform(get("/admin/break-glass/{id}/files", id).with(authentication(requester))).andExpect(status().isNotFound());
		assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
		assertThat(expiry.run()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> auditOf("storage.break-glass.expired").size() == 1);

		UUID lapsing = fileRequest(requester, customer.id(), "files", REASON, 2);
		clock.advance(Duration.ofHours(24));
		mvc.perform(post("/admin/break-glass/{id}/approve", lapsing).with(authentication(approver)).with(csrf()))
			.andExpect(status().isConflict());
		download(lapsing, requester, 404);
	}

	@Test
	@DisplayName("STO-3, RIG-1, RIG-3: the customer's export holds the request with its reason; erasure clears the reason, "
			+ "ends open access and keeps the pseudonymous record; retention deletes it two years after it ended")
	void privacy() throws Exception {
		UUID id = fileRequest(requester, customer.id(), "files", REASON, 2);
		mvc.perform(post("/admin/break-glass/{id}/approve", id).with(authentication(approver)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		var exported = holder.export(DataSubject.of(customer.id()));
		assertThat(exported).singleElement().satisfies(c -> {
			assertThat(c.category()).isEqualTo(BreakGlassDataHolder.CATEGORY);
			assertThat(c.records()).singleElement().satisfies(r -> assertThat(r).containsEntry("reason", REASON)
				.containsEntry("state", "APPROVED").doesNotContainValue(requesterId.toString()));
		});
		assertThat(holder.export(DataSubject.of(requesterId)).get(0).records()).singleElement()
			.satisfies(r -> assertThat(r).containsEntry("role", "requested").doesNotContainKey("reason"));

		var erased = holder.erase(DataSubject.of(customer.id()));
		assertThat(erased.kept()).containsEntry(BreakGlassDataHolder.CATEGORY, 1);
		download(id, requester, 404);
		assertThat(jdbc.sql("select count(*) from storage_break_glass where id = ? and reason_sealed is null and state = 'REVOKED'")
			.param(id).query(Integer.class).single()).isEqualTo(1);

		Instant ended = jdbc.sql("select ended_at from storage_break_glass where id = ?").param(id)
			.query((rs, i) -> rs.getTimestamp(1).toInstant()).single();
		assertThat(holder.applyRetention(BreakGlassDataHolder.CATEGORY, ended, false)).isGreaterThanOrEqualTo(0);
		assertThat(jdbc.sql("select count(*) from storage_break_glass where id = ?").param(id).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(holder.applyRetention(BreakGlassDataHolder.CATEGORY, ended.plusMillis(1), true)).isGreaterThanOrEqualTo(1);
		holder.applyRetention(BreakGlassDataHolder.CATEGORY, ended.plusMillis(1), false);
		assertThat(jdbc.sql("select count(*) from storage_break_glass where id = ?").param(id).query(Integer.class).single())
			.isZero();
	}
}
