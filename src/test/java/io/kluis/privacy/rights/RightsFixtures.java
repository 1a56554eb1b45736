package io.kluis.privacy.rights;

import io.kluis.identity.TestAccounts;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.shared.AccountId;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;

/** A customer whose every personal value is unique (at least 7 characters), so scans can look for them. */
final class RightsFixtures {

	private static final SecureRandom RANDOM = new SecureRandom();

	record Customer(AccountId id, String email, String password, String firstName, String lastName, String street,
			String city, String company, String phone) {

		/** Every identifying value identity stores for this customer. */
		List<String> identityValues() {
			return List.of(email, firstName, lastName, street, city, company);
		}
	}

	private RightsFixtures() {
	}

	static String letters(int n) {
		var sb = new StringBuilder();
		for (int i = 0; i < n; i++) {
			sb.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return sb.toString();
	}

	static String unique(String prefix) {
		return prefix + letters(10);
	}

	static Customer customer(TestAccounts accounts) {
		String email = TestAccounts.uniqueEmail("rights");
		String first = "Fi" + letters(9);
		String last = "La" + letters(9);
		String street = "St" + letters(9) + "weg 12";
		String city = "Ci" + letters(9);
		String company = "Co" + letters(9) + " B.V.";
		String phone = "+31 6 " + (10_000_000 + RANDOM.nextInt(89_999_999));
		var request = new RegistrationRequest(email, TestAccounts.PASSWORD, first, last, street, "1234 AB", city, "NL",
				LocalDate.of(1988, 7, 3), phone, company, true);
		var known = accounts.verified(request, TestAccounts.uniqueAddress());
		return new Customer(known.id(), email, known.password(), first, last, street, city, company, phone);
	}
}
