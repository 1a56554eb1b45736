package io.kluis.billing.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.BillingProfile;
import io.kluis.shared.web.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileInputUnitTests {

	static ProfileInput input(String country, String company, String kvk, String vat) {
		return new ProfileInput(" Jan Jansen ", "Dorpsstraat 1", "1234 AB", "Utrecht", country, company, kvk, vat);
	}

	@Test
	void aConsumerProfileIsNormalised() {
		BillingProfile p = input("nl", "", null, " ").check();
		assertThat(p.name()).isEqualTo("Jan Jansen");
		assertThat(p.countryCode()).isEqualTo("NL");
		assertThat(p.companyName()).isNull();
		assertThat(p.business()).isFalse();
	}

	@Test
	void aBusinessProfileKeepsKvkAndVatNumber() {
		BillingProfile p = input("NL", "Jansen B.V.", "12345678", "nl 123456789 b01").check();
		assertThat(p.vatNumber()).isEqualTo("NL123456789B01");
		assertThat(p.kvkNumber()).isEqualTo("12345678");
		assertThat(p.business()).isTrue();
	}

	@Test
	void wrongFieldsAreNamedWithoutTheirValues() {
		assertThatThrownBy(() -> input("Nederland", null, null, null).check()).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("country"))
			.hasMessageNotContaining("Nederland");
		assertThatThrownBy(() -> input("NL", "Jansen B.V.", "1234", null).check())
			.satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("kvkNumber"));
		assertThatThrownBy(() -> input("NL", null, "12345678", null).check())
			.satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("companyName"));
		assertThatThrownBy(() -> new ProfileInput("x".repeat(201), "a", "b", "c", "NL", null, null, null).check())
			.satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("name"));
	}

	@Test
	@DisplayName("SEC-3: neither the input nor the profile shows personal data in toString()")
	void toStringShowsNoPersonalData() {
		var in = input("NL", "Jansen B.V.", "12345678", "NL123456789B01");
		assertThat(in.toString()).doesNotContain("Jansen").doesNotContain("Dorpsstraat").doesNotContain("1234");
		assertThat(in.check().toString()).doesNotContain("Jansen").doesNotContain("Dorpsstraat")
			.doesNotContain("12345678").doesNotContain("Utrecht");
	}
}
