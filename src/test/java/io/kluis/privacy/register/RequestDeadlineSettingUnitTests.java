package io.kluis.privacy.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.privacy.policy.CanonicalRegister;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The register's {@code requests.deadline} (RIG-7): one calendar month by default, at most one month, checked at start-up. */
class RequestDeadlineSettingUnitTests {

	static final String SHIPPED = shipped();

	@Test
	@DisplayName("RIG-7: without a requests section the deadline is one calendar month, and the canonical register (its "
			+ "published hash) is what it was before the section existed")
	void theDefaultIsOneCalendarMonth() {
		ProcessingRegister register = RegisterLoader.load(new ClassPathResource("privacy/register.yml"));
		assertThat(register.requests()).isNull();
		assertThat(register.requestDeadline()).isEqualTo(Period.ofMonths(1));
		assertThat(CanonicalRegister.json(register)).doesNotContain("\"requests\"");
		assertThat(CanonicalRegister.parse(CanonicalRegister.json(register))).isEqualTo(register);
	}

	@ParameterizedTest
	@ValueSource(strings = { "P1M", "P4W", "P28D", "P14D", "P1D" })
	@DisplayName("RIG-7: one calendar month or up to four weeks is a valid deadline")
	void lawfulDeadlines(String deadline) {
		ProcessingRegister register = withDeadline(deadline);
		assertThat(RegisterValidator.validate(register)).isEmpty();
		assertThat(register.requestDeadline()).isEqualTo(Period.parse(deadline));
		assertThat(CanonicalRegister.parse(CanonicalRegister.json(register)).requestDeadline())
			.isEqualTo(Period.parse(deadline));
	}

	@Test
	@DisplayName("RIG-7: four weeks are 28 days")
	void fourWeeksAreTwentyEightDays() {
		assertThat(withDeadline("P4W").requestDeadline()).isEqualTo(Period.ofDays(28));
	}

	@ParameterizedTest
	@ValueSource(strings = { "P29D", "P5W", "P2M", "P1M1D", "P1Y", "P0D", "-P1D" })
	@DisplayName("RIG-7: a deadline longer than one month (in any month), mixed, or not positive is refused at start-up")
	void unlawfulDeadlinesAreRefused(String deadline) {
		assertThat(RegisterValidator.validate(withDeadline(deadline))).extracting(RegisterProblem::location)
			.containsExactly("requests.deadline");
	}

	@Test
	@DisplayName("RIG-7: a deadline that is not an ISO-8601 period is refused with its location")
	void aMalformedDeadlineIsRefused() {
		assertThatThrownBy(() -> withDeadline("28d")).isInstanceOfSatisfying(InvalidRegisterException.class,
				e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.location()).contains("requests.deadline")));
	}

	static ProcessingRegister withDeadline(String deadline) {
		byte[] yaml = (SHIPPED + "\nrequests:\n  deadline: \"" + deadline + "\"\n").getBytes(StandardCharsets.UTF_8);
		return RegisterLoader.load(new ByteArrayResource(yaml, "test register"));
	}

	private static String shipped() {
		try (InputStream in = new ClassPathResource("privacy/register.yml").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
