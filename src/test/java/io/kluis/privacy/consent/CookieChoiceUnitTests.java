package io.kluis.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code kluis_consent} cookie's two formats: the first without, the second with the policy version. */
class CookieChoiceUnitTests {

	static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

	@Test
	@DisplayName("CON-2: a choice is written with the policy version it was made under, and read back the same")
	void writesAndReadsThePolicyVersion() {
		var choice = new CookieChoice(ID, Set.of(CookieCategory.ANALYTICAL, CookieCategory.FUNCTIONAL), 12);
		assertThat(choice.value()).isEqualTo("2." + ID + ".fa.12");
		assertThat(CookieChoice.parse(choice.value())).contains(choice);
		assertThat(CookieChoice.parse("2." + ID + ".-.3")).contains(new CookieChoice(ID, Set.of(), 3));
	}

	@Test
	@DisplayName("CON-2: a cookie of the first format still counts, as a choice made under version 0")
	void theFirstFormatCountsAsVersionZero() {
		assertThat(CookieChoice.parse("1." + ID + ".c")).contains(new CookieChoice(ID, Set.of(CookieCategory.COMMERCIAL), 0));
	}

	@Test
	void malformedValuesAreNoChoice() {
		for (String value : new String[] { "", "2." + ID + ".a", "1." + ID + ".a.3", "2." + ID + "..3", "2." + ID + ".a.-1",
				"2." + ID + ".a.1234567890", "3." + ID + ".a.1", "2." + ID.toString().toUpperCase() + ".a.1",
				"2." + ID + ".ca.1" }) {
			assertThat(CookieChoice.parse(value)).as(value).isEmpty();
		}
	}
}
