package io.kluis.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.shared.AccountId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider who promises "four weeks" (RIG-7, seed 002) sets {@code requests.deadline: P4W} in the
 * register: entered and web-form requests are then due 28 days after their clock started, an
 * extension adds months to that, and the privacy statement and the form say four weeks.
 */
@KluisIntegrationTest
@AutoConfigureMockMvc
@Import(TestClock.class)
class RequestEntryFourWeeksIntegrationTests extends RequestsIntegrationTestBase {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	static final Path REGISTER = registerWithDeadline("P4W");

	@DynamicPropertySource
	static void register(DynamicPropertyRegistry registry) {
		registry.add("kluis.privacy.register-location", () -> "file:" + REGISTER);
	}

	@Test
	@DisplayName("RIG-7: with a four-week register, a request entered with an arrival date three days ago is due four weeks "
			+ "after that date")
	void anEnteredRequestIsDueFourWeeksAfterItArrived() throws Exception {
		assertThat(register.requestDeadline()).isEqualTo(Period.ofDays(28));
		AccountId officer = privacyOfficer();
		LocalDate arrived = clock.instant().atZone(AMSTERDAM).toLocalDate().minusDays(3);

		String location = mvc.perform(RequestEntryIntegrationTests.entry(asStaff(post("/admin/privacy/requests/new"), officer),
				"EMAIL", arrived.toString(), uniqueEmail("four-weeks"))).andReturn().getResponse().getRedirectedUrl();
		DataSubjectRequest request = requests.findById(RequestId.parse(location.substring(location.lastIndexOf('/') + 1)))
			.orElseThrow();

		assertThat(request.deadline().due()).isEqualTo(arrived.plusWeeks(4).atStartOfDay(AMSTERDAM).toInstant());
		assertThat(request.deadline().period()).isEqualTo(Period.ofDays(28));
		assertThat(requests.queue(clock.instant(), 10_000)).extracting(DataSubjectRequest::id).contains(request.id());
	}

	@Test
	@DisplayName("RIG-7: with a four-week register, a web-form request is due four weeks after its confirmation, and an "
			+ "extension adds whole months to that")
	void aFormRequestIsDueFourWeeksAfterConfirmation() throws Exception {
		DataSubjectRequest request = confirmedRequest(RequestKind.ACCESS, uniqueEmail("form-four-weeks"));
		var confirmed = request.deadline().confirmedAt();
		assertThat(request.deadline().due()).isEqualTo(confirmed.atZone(AMSTERDAM).plusDays(28).toInstant());

		clock.advance(Duration.ofDays(10));
		mvc.perform(asStaff(post("/admin/privacy/requests/" + request.id() + "/extend"), privacyOfficer())
			.param("months", "1")
			.param("reason", "Archived systems must be restored first."));
		assertThat(reload(request).deadline().due())
			.isEqualTo(confirmed.atZone(AMSTERDAM).plusMonths(1).plusDays(28).toInstant());
	}

	@Test
	@DisplayName("RIG-7: with a four-week register, the privacy statement and the request form say four weeks")
	void thePagesSayFourWeeks() throws Exception {
		String en = mvc.perform(get("/privacy?lang=en")).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("We answer your request within 4 weeks.").doesNotContain("within one month.");
		String nl = mvc.perform(get("/privacy?lang=nl")).andReturn().getResponse().getContentAsString();
		assertThat(nl).contains("Wij beantwoorden uw verzoek binnen 4 weken.");
		String form = mvc.perform(get("/requests?lang=en")).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("We answer within 4 weeks of your confirmation.");
		String entry = mvc.perform(asStaff(get("/admin/privacy/requests/new?lang=en"), privacyOfficer())).andReturn()
			.getResponse().getContentAsString();
		assertThat(entry).contains("The deadline is 4 weeks from the day the request arrived");
	}

	static Path registerWithDeadline(String deadline) {
		try (InputStream in = RequestEntryFourWeeksIntegrationTests.class.getResourceAsStream("/privacy/register.yml")) {
			String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Path file = Files.createTempFile("kluis-register-", ".yml");
			file.toFile().deleteOnExit();
			Files.writeString(file, shipped + "\nrequests:\n  deadline: " + deadline + "\n");
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
