package io.kluis.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.billing.invoices.vies.FakeVatNumberValidator;
import io.kluis.billing.invoices.vies.ViesProperties;
import io.kluis.billing.invoices.vies.ViesRestValidator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which VIES adapter the configuration picks, and the settings it refuses. */
class InvoicingConfigurationUnitTests {

	static final SellerProperties SELLER = new SellerProperties("Voorbeeld Hosting B.V.", "Voorbeeldstraat 1", "1234 AB",
			"Utrecht", "NL", "12345678", "NL000099998B57", "NL91ABNA0417164300", "ABNANL2A", null);

	static final URI VIES = URI.create("https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number");

	@Test
	@DisplayName("BIL-1: kluis.billing.vies.adapter=rest uses the VIES REST adapter, fake (the default) the fake one")
	void adapterByConfiguration() {
		var configuration = new InvoicingConfiguration();
		assertThat(configuration.vatNumberValidator(new ViesProperties("rest", VIES, Duration.ofSeconds(5)), SELLER,
				Clock.systemUTC(), new org.springframework.mock.env.MockEnvironment())).isInstanceOf(ViesRestValidator.class);
		assertThat(configuration.vatNumberValidator(new ViesProperties("fake", VIES, Duration.ofSeconds(5)), SELLER,
				Clock.systemUTC(), new org.springframework.mock.env.MockEnvironment())).isInstanceOf(FakeVatNumberValidator.class);
	}

	@Test
	@DisplayName("BIL-1: an unknown adapter, a zero timeout or an impossible payment term stop the start")
	void refusedSettings() {
		assertThatThrownBy(() -> new ViesProperties("soap", VIES, Duration.ofSeconds(5))).hasMessageContaining("adapter");
		assertThatThrownBy(() -> new ViesProperties("rest", VIES, Duration.ZERO)).hasMessageContaining("timeout");
		assertThatThrownBy(() -> new InvoicingProperties(-1, ZoneId.of("Europe/Amsterdam")))
			.hasMessageContaining("payment-term-days");
		assertThat(new InvoicingProperties(14, ZoneId.of("Europe/Amsterdam")).paymentTermDays()).isEqualTo(14);
	}
}
