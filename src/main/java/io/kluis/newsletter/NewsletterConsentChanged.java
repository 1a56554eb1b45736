package io.kluis.newsletter;

import io.kluis.shared.AccountId;
import io.kluis.shared.Auditable;
import java.util.Map;
import java.util.UUID;

/**
 * An account holder's newsletter consent changed (CON-1): a sign-up was requested, confirmed from
 * the mailed link, or withdrawn. The audit trail records the subscription id and where it came
 * from; the proof itself (time, policy version, source, address) is the consent ledger's. Sign-ups
 * by address alone, that no account is linked to, are not audited: the trail is about accounts.
 * The actor is the account holder: the address owner clicks the links, the holder uses panel and API.
 */
record NewsletterConsentChanged(AccountId subject, Step step, UUID subscription, String source) implements Auditable {

	enum Step {
		REQUESTED("privacy.newsletter.requested"), CONFIRMED("privacy.newsletter.confirmed"),
		WITHDRAWN("privacy.newsletter.withdrawn");

		private final String code;

		Step(String code) {
			this.code = code;
		}
	}

	@Override
	public String auditCode() {
		return step.code;
	}

	@Override
	public AccountId actor() {
		return subject;
	}

	@Override
	public Map<String, String> auditDetails() {
		return Map.of("subscription", subscription.toString(), "source", source);
	}
}
