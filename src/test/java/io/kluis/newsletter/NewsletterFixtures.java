package io.kluis.newsletter;

import io.kluis.privacy.ConsentSource;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Scenario fixtures for newsletter tests: subscribers in each state, with unique addresses. The
 * confirmation is made with a token issued here rather than read from the mail (the mailed link is
 * what {@code NewsletterIntegrationTests} proves).
 */
final class NewsletterFixtures {

	private final Newsletter newsletter;

	private final Subscriptions subscriptions;

	private final ConsentTokens tokens;

	NewsletterFixtures(Newsletter newsletter, Subscriptions subscriptions, ConsentTokens tokens) {
		this.newsletter = newsletter;
		this.subscriptions = subscriptions;
		this.tokens = tokens;
	}

	static String uniqueEmail(String purpose) {
		return "nl-" + purpose + "-" + UUID.randomUUID() + "@example.org";
	}

	Subscription pending(String email, @Nullable AccountId account) {
		newsletter.request(EmailAddress.of(email), Locale.ENGLISH, account,
				account == null ? ConsentSource.WEB_FORM : ConsentSource.PANEL, "192.0.2.10");
		return subscriptions.findActive(EmailAddress.of(email)).orElseThrow();
	}

	Subscription confirmed(String email, @Nullable AccountId account) {
		Subscription pending = pending(email, account);
		String token = tokens.issue(ConsentTokens.CONFIRM, pending.id(), Duration.ofHours(1));
		return newsletter.confirm(token, "192.0.2.11").orElseThrow();
	}

	Subscription withdrawn(String email) {
		Subscription confirmed = confirmed(email, null);
		newsletter.unsubscribe(confirmed.unsubscribeSecret());
		return subscriptions.find(confirmed.id()).orElseThrow();
	}

}
