package io.kluis.billing.invoices.vies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract against the fake adapter, plus its defaults for developers. */
class FakeVatNumberValidatorTests extends VatNumberValidatorContract {

	final FakeVatNumberValidator fake = new FakeVatNumberValidator(clock);

	@Override
	VatNumberValidator validator() {
		return fake;
	}

	@Override
	void registered(String vatNumber) {
		fake.answer(vatNumber, VatCheck.Status.VALID);
	}

	@Override
	void unregistered(String vatNumber) {
		fake.answer(vatNumber, VatCheck.Status.INVALID);
	}

	@Override
	void memberStateDown(String vatNumber) {
		fake.answer(vatNumber, VatCheck.Status.UNAVAILABLE);
	}

	@Test
	@DisplayName("BIL-1: without instructions the fake calls a well-formed number valid, …99 invalid and …98 unavailable")
	void defaults() {
		assertThat(fake.check("DE111111111").status()).isEqualTo(VatCheck.Status.VALID);
		assertThat(fake.check("DE111111199").status()).isEqualTo(VatCheck.Status.INVALID);
		assertThat(fake.check("DE111111198").status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
	}
}
