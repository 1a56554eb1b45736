package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kluis.DatabaseScan;
import io.kluis.KluisIntegrationTest;
import io.kluis.Mailbox;
import io.kluis.TestClock;
import io.kluis.privacy.retention.RetentionEngine;
import io.kluis.privacy.retention.RetentionRun;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The request engine's own personal data through the privacy SPI: erasure keeps the requests as the
 * register's legal hold, minimised; retention deletes them a year after closing, and ID copies after
 * 7 days (RIG-3, RET-2, RET-5, RET-6).
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class RequestRecordsHolderIntegrationTests extends RequestsIntegrationTestBase {

	@Autowired
	RequestRecordsHolder holder;

	@Autowired
	RequestHandling handling;

	@Autowired
	IdCopies idCopies;

	@Autowired
	RetentionEngine engine;

	@Test
	@DisplayName("RIG-3, RET-5: erasing a requester deletes their unconfirmed requests and ID copies and keeps the "
			+ "others under the legal hold, minimised: a closed one at once (address, name, message and answers gone, "
			+ "key destroyed), an open one when the officer closes it")
	void erasureKeepsRequestsMinimised() throws Exception {
		String email = uniqueEmail("erased");
		String answer = "Answer " + UUID.randomUUID();
		var officer = privacyOfficer();
		var closed = confirmedRequest(RequestKind.ACCESS, email);
		handling.answer(closed.id(), officer, answer);
		handling.close(closed.id(), officer);
		var open = anotherConfirmedRequest(RequestKind.ERASURE, email);
		handling.askForIdCopy(open.id(), officer, "The address alone does not suffice here.");
		idCopies.upload(reload(open), pdf());
		clock.advance(Duration.ofMinutes(1));
		submit(RequestKind.OBJECTION, email);
		var unconfirmed = requestFor(email);
		assertThat(unconfirmed.state()).isEqualTo(RequestState.AWAITING_CONFIRMATION);

		var erased = holder.erase(new DataSubject(null, EmailAddress.of(email)));

		assertThat(erased.removed()).containsEntry("privacy-requests", 1).containsEntry("id-copies", 1);
		assertThat(erased.kept()).containsExactly(java.util.Map.entry("privacy-requests", 2));
		assertThat(requests.findById(unconfirmed.id())).as("never confirmed: deleted").isEmpty();
		assertThat(idCopies.storedAndViewed(open.id())).isEmpty();
		assertThat(requests.keptContents(closed)).as("closed: minimised at once").isEmpty();
		assertThat(cipher.isDestroyed(closed.keyOwner())).isTrue();
		assertThat(timeline.of(closed)).as("the steps stay, their texts go").isNotEmpty()
			.allSatisfy(e -> assertThat(e.text()).isNull());
		assertThat(requests.keptContents(reload(open))).as("open: its answer must still reach the requester")
			.isPresent();

		handling.close(open.id(), officer);

		assertThat(requests.keptContents(reload(open))).isEmpty();
		assertThat(cipher.isDestroyed(open.keyOwner())).isTrue();
		assertThat(new DatabaseScan(jdbc).everywhere(List.of(email, answer))).isEmpty();
		var again = holder.erase(new DataSubject(null, EmailAddress.of(email)));
		assertThat(again.removed()).as("idempotent").isEmpty();
	}

	@Test
	@DisplayName("RET-2, RET-6: a closed request goes with its timeline one year after it was closed and an ID copy "
			+ "7 days after its upload, as the dry run predicted; the engine drives both from the register")
	void requestsAndIdCopiesExpireByTheRegister() throws Exception {
		var officer = privacyOfficer();
		var closed = confirmedRequest(RequestKind.ACCESS, uniqueEmail("expiring"));
		handling.close(closed.id(), officer);
		var open = confirmedRequest(RequestKind.ACCESS, uniqueEmail("id-copy"));
		handling.askForIdCopy(open.id(), officer, "The address alone does not suffice here.");
		idCopies.upload(reload(open), pdf());
		Instant closedAt = reload(closed).closedAt();
		ZoneId zone = ZoneId.of("Europe/Amsterdam");

		Instant weekLater = clock.instant().plus(Duration.ofDays(7)).plusSeconds(1);
		var idCopyRun = dryThenReal(weekLater, "id-copies");
		assertThat(idCopyRun).isPositive();
		assertThat(idCopies.storedAndViewed(open.id())).isEmpty();
		assertThat(requests.findById(closed.id())).as("within its year").isPresent();

		Instant yearLater = closedAt.atZone(zone).plusYears(1).toInstant().plusSeconds(1);
		assertThat(dryThenReal(yearLater, "privacy-requests")).isPositive();
		assertThat(requests.findById(closed.id())).isEmpty();
		assertThat(jdbc.sql("select count(*) from privacy_request_events where request_id = ?")
			.param(closed.id().value()).query(Long.class).single()).as("the timeline went with it").isZero();
		assertThat(requests.findById(open.id())).as("open requests are never expired").isPresent();
	}

	/** A further request from an address that made one before: confirmed with the newest link mailed to it. */
	private DataSubjectRequest anotherConfirmedRequest(RequestKind kind, String email) throws Exception {
		int before = confirmationMails(email).size();
		clock.advance(Duration.ofMinutes(1));
		submit(kind, email);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> confirmationMails(email).size() > before);
		var mails = confirmationMails(email);
		String token = Mailbox.token(mails.get(mails.size() - 1), "/requests/confirm");
		mvc.perform(post("/requests/confirm").with(csrf()).param("token", token)).andExpect(status().is3xxRedirection());
		return requestFor(email);
	}

	private static List<jakarta.mail.internet.MimeMessage> confirmationMails(String email) {
		return Mailbox.to(email).stream().filter(m -> Mailbox.body(m).contains("/requests/confirm?")).toList();
	}

	/** Runs one rule as of the moment, dry then real; the real run removed what the dry run counted. */
	private int dryThenReal(Instant asOf, String rule) {
		int predicted = count(engine.run(asOf, true, Set.of(rule)));
		RetentionRun real = engine.run(asOf, false, Set.of(rule));
		assertThat(real.failed()).isFalse();
		assertThat(count(real)).as(rule + ": the dry run predicted the count").isEqualTo(predicted);
		return predicted;
	}

	private static int count(RetentionRun run) {
		return run.rules().stream().collect(Collectors.summingInt(RetentionRun.RuleResult::count));
	}

	private static byte[] pdf() {
		return ("%PDF-1.4\n" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
	}
}
