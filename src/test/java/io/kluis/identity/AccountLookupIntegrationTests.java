package io.kluis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.WithMailbox;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Identity's account lookup, the API storage (and the modules to come) use instead of privacy's SPI. */
@KluisIntegrationTest
class AccountLookupIntegrationTests extends WithMailbox {

	@Autowired
	AccountLookup lookup;

	@Autowired
	ApplicationContext context;

	@Test
	void findsTheDetailsOfAnAccountInItsLanguage() {
		var customer = TestAccounts.in(context).verified(Locale.forLanguageTag("nl"));

		var details = lookup.find(customer.id()).orElseThrow();

		assertThat(details.id()).isEqualTo(customer.id());
		assertThat(details.email()).isEqualTo(EmailAddress.of(customer.email()));
		assertThat(details.language().getLanguage()).isEqualTo("nl");
		assertThat(details.toString()).as("no personal data in toString").doesNotContain(customer.email());
	}

	@Test
	void findsTheAccountBehindAnEmailAddressIgnoringCase() {
		var customer = TestAccounts.in(context).verified();

		assertThat(lookup.findByEmail(EmailAddress.of(customer.email().toUpperCase(Locale.ROOT))))
			.contains(customer.id());
	}

	@Test
	void knowsNothingOfAnUnknownAccountOrAddress() {
		assertThat(lookup.find(AccountId.random())).isEmpty();
		assertThat(lookup.findByEmail(EmailAddress.of(TestAccounts.uniqueEmail("nobody")))).isEmpty();
	}
}
