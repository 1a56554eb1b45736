package io.kluis.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.crypto.PersonalDataCipher;
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
 * The consent ledger as a personal-data holder: it declares exactly the categories it added to the
 * register, exports a subscriber's history, erases it completely (crypto-shredding the
 * subscription's key), and expires data by the register's retention rules.
 */
@KluisIntegrationTest
class ConsentRecordsHolderIntegrationTests extends WithMailbox {

	@Autowired
	ConsentRecordsHolder holder;

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
	ConsentLedger ledger;

	@Autowired
	PersonalDataCipher cipher;

	NewsletterFixtures fixtures() {
		return new NewsletterFixtures(newsletter, subscriptions, tokens);
	}

	@Test
	@DisplayName("PUR-3: the consent ledger holds exactly the register categories held by privacy that no other privacy "
			+ "holder holds, each with a retention rule")
	void declaresExactlyItsRegisterCategories() {
		var heldByOthers = holders.stream().filter(h -> h != holder && h.module().equals("privacy"))
			.flatMap(h -> h.categories().stream()).collect(Collectors.toSet());
		assertThat(holder.categories()).isEqualTo(register.categories()
			.stream()
			.filter(c -> c.heldBy().equals("privacy"))
			.map(ProcessingRegister.Category::id)
			.filter(id -> !heldByOthers.contains(id))
			.collect(Collectors.toSet()));
		assertThat(holder.categories()).allSatisfy(c -> assertThat(register.retentionFor(c)).isNotEmpty());
	}

	@Test
	@DisplayName("RIG-1, CON-1: the export holds the subscription and its whole consent history")
	void exportsTheHistory() {
		String email = NewsletterFixtures.uniqueEmail("export");
		fixtures().withdrawn(email);
		var export = holder.export(new DataSubject(null, EmailAddress.of(email)));
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
		var erased = holder.erase(new DataSubject(null, EmailAddress.of(email)));
		assertThat(erased.removed()).containsEntry("newsletter-subscription", 1).containsEntry("consent-records", 2);
		assertThat(erased.kept()).isEmpty();
		assertThat(subscriptions.find(subscription.id())).isEmpty();
		assertThat(ledger.ofSubjectKey(subscription.id())).isEmpty();
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).isTrue();
		assertThat(holder.erase(new DataSubject(null, EmailAddress.of(email))).removed()).containsEntry("consent-records", 0);
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
		assertThat(ledger.ofSubjectKey(subscription.id())).hasSize(3);
		assertThat(cipher.isDestroyed(new AccountId(subscription.id()))).as("the proofs still need the key").isFalse();

		// The engine passes now minus the rule's period (P1Y) as the cutoff: a cutoff before the withdrawal is "not yet"...
		holder.applyRetention("consent-records", withdrawnAt.minusSeconds(1), false);
		assertThat(ledger.ofSubjectKey(subscription.id())).hasSize(3);
		// ...once the year has passed, the proofs and the key go.
		Instant yearLater = withdrawnAt.plusSeconds(1); // = a year and a second after the withdrawal, minus P1Y
		int predicted = holder.applyRetention("consent-records", yearLater, true);
		assertThat(predicted).isGreaterThanOrEqualTo(3);
		assertThat(ledger.ofSubjectKey(subscription.id())).hasSize(3);
		holder.applyRetention("consent-records", yearLater, false);
		assertThat(ledger.ofSubjectKey(subscription.id())).isEmpty();
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
