package io.kluis.identity;

import io.kluis.identity.account.Account;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.identity.security.Authentications;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Scenario fixtures for identity tests: customers and staff with unique addresses, so tests never
 * depend on each other's data or on empty tables. Verification is applied directly (the mailed
 * link is what the registration tests and the end-to-end walks prove).
 */
public final class TestAccounts {

	/** Passes every password rule and contains nothing of the fixtures' personal data. */
	public static final String PASSWORD = "glacier tulip harbour violin";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** An account and the credentials the test knows. */
	public record Known(AccountId id, String email, String password) {
	}

	private final CustomerRegistration registration;

	private final Accounts accounts;

	private final StaffAdministration staff;

	private final Clock clock;

	public TestAccounts(CustomerRegistration registration, Accounts accounts, StaffAdministration staff, Clock clock) {
		this.registration = registration;
		this.accounts = accounts;
		this.staff = staff;
		this.clock = clock;
	}

	/**
	 * The fixtures on a test's Spring context, with that context's clock (a test's {@code @Primary}
	 * clock where it has one), so a test class need not inject the four beans itself.
	 */
	public static TestAccounts in(ApplicationContext context) {
		return new TestAccounts(context.getBean(CustomerRegistration.class), context.getBean(Accounts.class),
				context.getBean(StaffAdministration.class), context.getBean(Clock.class));
	}

	public static String uniqueEmail(String purpose) {
		return purpose + "-" + UUID.randomUUID() + "@example.org";
	}

	/**
	 * A random address from the IPv6 documentation prefix. Failed logins are throttled per source
	 * address, so tests that fail logins use their own address and cannot throttle each other.
	 */
	public static String uniqueAddress() {
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		String hex = HexFormat.of().formatHex(bytes);
		var address = new StringBuilder("2001:db8");
		for (int i = 0; i < hex.length(); i += 4) {
			address.append(':').append(hex, i, i + 4);
		}
		return address.toString();
	}

	/** MockMvc: the request comes from this address. */
	public static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	public static RegistrationRequest request(String email, String password) {
		return new RegistrationRequest(email, password, "Anna", "de Vries", "Kerkstraat 1", "1234 AB", "Utrecht", "NL",
				LocalDate.of(1990, 4, 2), null, null, true);
	}

	/** Registered, email not yet verified. */
	public Known unverified() {
		return unverified(Locale.ENGLISH);
	}

	private Known unverified(Locale language) {
		String email = uniqueEmail("customer");
		registration.register(request(email, PASSWORD), uniqueAddress(), language);
		return new Known(accounts.findByEmail(EmailAddress.of(email)).orElseThrow().id(), email, PASSWORD);
	}

	/** Registered and verified: can log in. */
	public Known verified() {
		return verify(unverified());
	}

	/** Registered in this language (the one Kluis mails them in) and verified. */
	public Known verified(Locale language) {
		return verify(unverified(language));
	}

	/** Registers with the given data and verifies. */
	public Known verified(RegistrationRequest request, String sourceAddress) {
		registration.register(request, sourceAddress, Locale.ENGLISH);
		var id = accounts.findByEmail(EmailAddress.of(request.email())).orElseThrow().id();
		return verify(new Known(id, request.email(), request.password()));
	}

	private Known verify(Known customer) {
		Account account = accounts.findById(customer.id()).orElseThrow();
		account.markVerified(clock.instant());
		accounts.update(account);
		return customer;
	}

	/** A staff member with these roles and the given password. */
	public Known staff(Set<Role> roles) {
		String email = uniqueEmail("staff");
		var id = staff.createStaffAccount(EmailAddress.of(email), roles, Locale.ENGLISH, PASSWORD, null, "TEST");
		return new Known(id, email, PASSWORD);
	}

	/**
	 * The full authentication the login would give this account, as if its second factor were set
	 * up ({@code mfa}), so the staff MFA enforcement does not redirect.
	 */
	public Authentication authentication(AccountId id, boolean mfa) {
		Account account = accounts.findById(id).orElseThrow();
		return Authentications.full(new CurrentAccount(account.id(), account.roles(), mfa));
	}
}
