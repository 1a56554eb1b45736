package io.kluis.billing.invoices.vies;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VatNumberValidator} adapter promises, run against each by a subclass: the fake
 * (development and tests) and the VIES REST adapter against an in-test server that answers like the
 * documented API. The subclass sets up what "VIES" knows.
 */
abstract class VatNumberValidatorContract {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

	abstract VatNumberValidator validator();

	/** VIES knows this number as registered. */
	abstract void registered(String vatNumber);

	/** VIES knows this number as not registered. */
	abstract void unregistered(String vatNumber);

	/** The member state of this number does not answer now. */
	abstract void memberStateDown(String vatNumber);

	@Test
	@DisplayName("BIL-1: a registered VAT number is valid, checked at the clock's moment")
	void registeredIsValid() {
		registered("DE123456789");
		var check = validator().check("DE123456789");
		assertThat(check.status()).isEqualTo(VatCheck.Status.VALID);
		assertThat(check.checkedAt()).isEqualTo(clock.instant());
	}

	@Test
	@DisplayName("BIL-1: a number VIES does not know as registered is invalid")
	void unregisteredIsInvalid() {
		unregistered("FR12345678901");
		assertThat(validator().check("FR12345678901").status()).isEqualTo(VatCheck.Status.INVALID);
	}

	@Test
	@DisplayName("BIL-1: a member state that does not answer makes the check unavailable, not invalid")
	void memberStateDownIsUnavailable() {
		memberStateDown("BE0123456749");
		assertThat(validator().check("BE0123456749").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
	}

	@Test
	@DisplayName("BIL-1: a malformed number is invalid without asking anyone")
	void malformedIsInvalid() {
		assertThat(validator().check("12").status()).isEqualTo(VatCheck.Status.INVALID);
		assertThat(validator().check("DE!").status()).isEqualTo(VatCheck.Status.INVALID);
	}

	@Test
	@DisplayName("BIL-1: spaces, dots, dashes and lower case are normalised before the check")
	void normalises() {
		registered("ES B12345678".replace(" ", ""));
		assertThat(validator().check("es b-123.456.78").status()).isEqualTo(VatCheck.Status.VALID);
	}
}
