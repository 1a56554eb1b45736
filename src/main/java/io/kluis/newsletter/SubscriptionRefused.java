package io.kluis.newsletter;

/**
 * An account holder who restricted processing (RIG-4) or objected to direct marketing (RIG-6)
 * asked for the newsletter. Refused rather than recorded: the newsletter would not be sent to them
 * anyway (CON-3), and a sign-up that silently never delivers helps nobody. The message names the
 * reason and what to do, never the person.
 */
class SubscriptionRefused extends RuntimeException {

	enum Reason {
		RESTRICTED("restricted", "You have restricted the processing of your data (AVG art. 18): while the restriction "
				+ "applies we only store your data, and send no newsletter. Lift the restriction first to sign up."),
		OBJECTED("objected", "You have objected to direct marketing (AVG art. 21): we send you no newsletter while the "
				+ "objection applies. Withdraw the objection first to sign up.");

		private final String code;

		private final String explanation;

		Reason(String code, String explanation) {
			this.code = code;
			this.explanation = explanation;
		}

		String code() {
			return code;
		}
	}

	private final Reason reason;

	SubscriptionRefused(Reason reason) {
		super(reason.explanation, null, false, false);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
