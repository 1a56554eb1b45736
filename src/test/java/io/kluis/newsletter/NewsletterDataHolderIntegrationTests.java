package io.kluis.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.crypto.PersonalDataCipher;
import io.kluis.privacy.ConsentProofs;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The newsletter and the consent ledger as personal-data holders, together: the newsletter declares
 * exactly the register category held by it, the two export a subscriber's subscription and history,
 * erase it completely in either order (crypto-shredding the subscription's key once both are done),
 * and expire data by the register's retention rules.
 */
@KluisIntegrationTest
class NewsletterDataHolderIntegrationTests extends WithMailbox {

	@Autowired
	NewsletterDataHolder holder;

	@Autowired
	ProcessingRegister register;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	Newsletter newsletter;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	ConsentTokens tokens;

	@Autowired
	ConsentProofs ledger;

	@Autowired
	PersonalDataCipher cipher;

	PersonalDataHolder consent() {
		return holders.stream().filter(h -> h.id().equals("privacy.consent")).findFirst().orElseThrow();
	}

	NewsletterFixtures fixtures() {
		return new NewsletterFixtures(newsletter, subscriptions, tokens);
	}

	@Test
	@DisplayName("PUR-3: the newsletter holds exactly the register categories held by it, each with a retention rule")
	void declaresExactlyItsRegisterCategories() {
		assertThat(holder.categories()).isEqualTo(register.categories()
			.stream()
			.filter(c -> c.heldBy().equals("newsletter"))
			.map(ProcessingRegister.Category::id)
			.collect(Collectors.toSet()));
		assertThat(holder.id()).as("closure steps are keyed by it").isEqualTo("newsletter");
		assertThat(holder.categories()).allSatisfy(c -> assertThat(register.retentionFor(c)).isNotEmpty());
	}

	@Test
	@DisplayName("RIG-1, CON-1: the export holds the subscription and its whole consent history")
	void exportsTheHistory() {
		String email = NewsletterFixtures.uniqueEmail("export");
		fixtures().withdrawn(email);
		var subject = new DataSubject(null, EmailAddress.of(email));
		var export = new java.util.ArrayList<>(holder.export(subject));
		export.addAll(consent().export(subject));
		assertThat(export).extracting(ExportedCategory::category)
			.containsExactly("newsletter-subscription", "consent-records", "visit-id");
		assertThat(export.get(0).records()).singleElement().satisfies(r -> {
			assertThat(r.get("email")).isEqualTo(email);
			assertThat(r.get("status")).isEqualTo("WITHDRAWN");
		});
		assertThat(export.get(1).records()).extracting(r -> r.get("action"))
			.containsExactly("REQUESTED", "CONFIRMED", "WITHDRAWN");
		assertThat(export.get(1).records()).extracting(r -> r.get("ipAddress")).contains("192.0.2.10", "192.0.2.11");
	}

	@Test
	@DisplayName("RIG-3, RET-6: erasure removes the subscription and every proof and destroys the subscription's key")
	void erasureRemovesEverything() {
		String email = NewsletterFixtures.uniqueEmail("erase");
		Subscription subscription = fixtures().confirmed(email, null);
		var subject = new DataSubject(null, EmailAddress.of(email));
		var erasedProofs = consent().erase(subject);
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).as("the subscription still needs the key").isFalse();
		var erased = holder.erase(subject);
		assertThat(erased.removed()).containsEntry("newsletter-subscription", 1);
		assertThat(erasedProofs.removed()).containsEntry("consent-records", 2);
		assertThat(erased.kept()).isEmpty();
		assertThat(subscriptions.find(subscription.id())).isEmpty();
		assertThat(ledger.proofs(subscription.id())).isEmpty();
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).isTrue();
		assertThat(consent().erase(subject).removed()).containsEntry("consent-records", 0);
		assertThat(holder.erase(subject).removed()).as("idempotent").containsEntry("newsletter-subscription", 0);
	}

	@Test
	@DisplayName("RIG-3: erasure in the other order also removes everything and destroys the key")
	void erasureInTheOtherOrderRemovesEverything() {
		String email = NewsletterFixtures.uniqueEmail("erase-other");
		Subscription subscription = fixtures().confirmed(email, null);
		var subject = new DataSubject(null, EmailAddress.of(email));
		assertThat(holder.erase(subject).removed()).containsEntry("newsletter-subscription", 1);
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).as("the proofs still need the key").isFalse();
		assertThat(consent().erase(subject).removed()).containsEntry("consent-records", 2);
		assertThat(ledger.proofs(subscription.id())).isEmpty();
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).isTrue();
	}

	@Test
	@DisplayName("RET-2: a withdrawn subscription goes at once, its proofs a year later; the dry run predicts the counts")
	void retentionFollowsTheRegister() {
		String email = NewsletterFixtures.uniqueEmail("retention");
		Subscription subscription = fixtures().withdrawn(email);
		Instant withdrawnAt = subscription.withdrawnAt();

		// Right after the withdrawal (period P0D): the subscription goes, the proof stays.
		Instant justAfter = withdrawnAt.plusSeconds(1);
		assertThat(holder.applyRetention("newsletter-subscription", justAfter, true)).isGreaterThanOrEqualTo(1);
		holder.applyRetention("newsletter-subscription", justAfter, false);
		assertThat(subscriptions.find(subscription.id())).isEmpty();
		assertThat(ledger.proofs(subscription.id())).hasSize(3);
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).as("the proofs still need the key").isFalse();

		// The engine passes now minus the rule's period (P1Y) as the cutoff: a cutoff before the withdrawal is "not yet"...
		consent().applyRetention("consent-records", withdrawnAt.minusSeconds(1), false);
		assertThat(ledger.proofs(subscription.id())).hasSize(3);
		// ...once the year has passed, the proofs and the key go.
		Instant yearLater = withdrawnAt.plusSeconds(1); // = a year and a second after the withdrawal, minus P1Y
		int predicted = consent().applyRetention("consent-records", yearLater, true);
		assertThat(predicted).isGreaterThanOrEqualTo(3);
		assertThat(ledger.proofs(subscription.id())).hasSize(3);
		consent().applyRetention("consent-records", yearLater, false);
		assertThat(ledger.proofs(subscription.id())).isEmpty();
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).isTrue();
	}

	@Test
	@DisplayName("RET-2: an unconfirmed sign-up lapses after 7 days and is then deleted")
	void unconfirmedSignUpsLapse() {
		String email = NewsletterFixtures.uniqueEmail("lapse");
		Subscription pending = fixtures().pending(email, null);
		holder.applyRetention("newsletter-subscription", pending.lapsesAt().minusSeconds(1), false);
		assertThat(subscriptions.find(pending.id())).isPresent();
		holder.applyRetention("newsletter-subscription", pending.lapsesAt().plusSeconds(1), false);
		assertThat(subscriptions.find(pending.id())).isEmpty();
	}
}
