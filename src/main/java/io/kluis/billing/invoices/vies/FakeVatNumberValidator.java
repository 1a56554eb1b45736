package io.kluis.billing.invoices.vies;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VIES adapter for development and tests: no network. Answers what it was told for a number
 * ({@link #answer}); otherwise a well-formed number is valid, except that one ending in {@code 99} is
 * invalid and one ending in {@code 98} finds VIES unavailable (so a developer can try each path).
 */
public class FakeVatNumberValidator implements VatNumberValidator {

	private final Clock clock;

	private final Map<String, VatCheck.Status> answers = new ConcurrentHashMap<>();

	public FakeVatNumberValidator(Clock clock) {
		this.clock = clock;
	}

	/** From now on, answers {@code status} for this number. */
	public void answer(String vatNumber, VatCheck.Status status) {
		answers.put(VatNumberValidator.normalise(vatNumber), status);
	}

	@Override
	public VatCheck check(String vatNumber) {
		String number = VatNumberValidator.normalise(vatNumber);
		var now = clock.instant();
		var status = answers.get(number);
		if (status == null) {
			status = !FORMAT.matcher(number).matches() || number.endsWith("99") ? VatCheck.Status.INVALID
					: number.endsWith("98") ? VatCheck.Status.UNAVAILABLE : VatCheck.Status.VALID;
		}
		return switch (status) {
			case VALID -> VatCheck.valid(now, "FAKE-" + Integer.toHexString(number.hashCode()));
			case INVALID -> VatCheck.invalid(now);
			case UNAVAILABLE -> VatCheck.unavailable(now);
		};
	}
}
