package io.kluis.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.ProcessingRegister.RetentionRule;
import io.kluis.privacy.register.RegisterLoader;
import io.kluis.privacy.register.RetentionTrigger;
import io.kluis.privacy.register.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** A category's retention period as a duration from now, counted the way the retention run counts it. */
class RegisterRetentionPeriodsUnitTests {

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	static final ProcessingRegister SHIPPED = RegisterLoader.load(new ClassPathResource("privacy/register.yml"));

	@Test
	@DisplayName("RET-1: the shipped register keeps an unverified registration 7 days")
	void theShippedPeriodForUnverifiedRegistrations() {
		assertThat(periods(SHIPPED, "2026-11-10T12:00:00Z").of("unverified-registration")).isEqualTo(Duration.ofDays(7));
	}

	@Test
	@DisplayName("RET-2: calendar periods are counted in the retention zone: 7 days over the autumn clock change are 169 hours")
	void calendarArithmeticInTheRetentionZone() {
		assertThat(periods(SHIPPED, "2026-10-20T12:00:00Z").of("unverified-registration")).isEqualTo(Duration.ofHours(169));
		var monthly = withRules(SHIPPED, "unverified-registration", false, Period.ofMonths(1));
		assertThat(periods(monthly, "2027-01-31T12:00:00Z").of("unverified-registration")).isEqualTo(Duration.ofDays(28));
	}

	@Test
	void theShortestRuleOfACategoryCountsAndAnUnknownCategoryIsAMistake() {
		var twoRules = withRules(SHIPPED, "unverified-registration", true, Period.ofDays(2));
		assertThat(periods(twoRules, "2026-11-10T12:00:00Z").of("unverified-registration")).isEqualTo(Duration.ofDays(2));
		assertThatThrownBy(() -> periods(SHIPPED, "2026-11-10T12:00:00Z").of("no-such-category"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no-such-category");
	}

	private static RegisterRetentionPeriods periods(ProcessingRegister register, String now) {
		return new RegisterRetentionPeriods(register, new RetentionProperties("0 30 3 * * *", AMSTERDAM, Duration.ofHours(1)),
				Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
	}

	/** The register with another rule for the category, in addition to its own or instead of them. */
	private static ProcessingRegister withRules(ProcessingRegister register, String category, boolean keepOwn,
			Period period) {
		var rules = new ArrayList<>(register.retention());
		if (!keepOwn) {
			rules.removeIf(r -> r.category().equals(category));
		}
		rules.add(new RetentionRule("extra-" + category, category, RetentionTrigger.RECORDED, period, new Text("x", "x"), null));
		return new ProcessingRegister(register.version(), register.provider(), register.subjects(), register.categories(),
				register.purposes(), register.recipients(), rules, register.cookies(), register.statements());
	}
}
