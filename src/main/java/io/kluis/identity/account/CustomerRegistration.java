package io.kluis.identity.account;

import io.kluis.identity.AccountRegistered;
import io.kluis.identity.AccountVerified;
import io.kluis.identity.RegistrationForKnownEmail;
import io.kluis.privacy.PolicyVersions;
import io.kluis.privacy.RetentionPeriods;
import io.kluis.privacy.TermsVersions;
import io.kluis.shared.AccountId;
import io.kluis.shared.CustomerNumber;
import io.kluis.shared.EmailAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-registration of customers (ACC-1) and email verification.
 *
 * <p>Enumeration resistance: registering with an address that already has an account looks exactly
 * like a new registration to the caller (same result, the same Argon2 work); the owner of the
 * address gets an "you already have an account" mail instead of a verification mail.
 *
 * <p>The registration records the published privacy statement version the visitor was shown (the
 * one {@code /privacy} cites) and the version of the terms of service {@code /terms} shows, and the verification link works exactly as long as the processing
 * register keeps an unverified registration ({@value #UNVERIFIED_REGISTRATION}): both come from the
 * privacy module, so neither can drift from what the policy says.
 */
@Service
public class CustomerRegistration {

	private static final Logger log = LoggerFactory.getLogger(CustomerRegistration.class);

	/** The register category of a registration whose address is not yet confirmed. */
	static final String UNVERIFIED_REGISTRATION = "unverified-registration";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final RegistrationValidator validator;

	private final PasswordHashing passwords;

	private final OneTimeTokens tokens;

	private final IdentityMails mails;

	private final PolicyVersions policyVersions;

	private final RetentionPeriods retention;

	private final TermsVersions termsVersions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CustomerRegistration(Accounts accounts, RegistrationValidator validator, PasswordHashing passwords,
			OneTimeTokens tokens, IdentityMails mails, PolicyVersions policyVersions,
			RetentionPeriods retention, TermsVersions termsVersions, ApplicationEventPublisher events, Clock clock) {
		this.termsVersions = termsVersions;
		this.accounts = accounts;
		this.validator = validator;
		this.passwords = passwords;
		this.tokens = tokens;
		this.mails = mails;
		this.policyVersions = policyVersions;
		this.retention = retention;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers a customer, or mails the owner of an already registered address.
	 * @throws RegistrationRefused when the input breaks a rule (before anything is stored)
	 */
	@Transactional
	public void register(RegistrationRequest request, @Nullable String sourceAddress, Locale locale) {
		var violations = validator.validate(request);
		if (!violations.isEmpty()) {
			throw new RegistrationRefused(violations);
		}
		EmailAddress email = EmailAddress.of(request.email());
		String hash = passwords.hash(request.password());
		Optional<Account> existing = accounts.findByEmail(email);
		if (existing.isPresent()) {
			mails.alreadyRegistered(existing.get());
			events.publishEvent(new RegistrationForKnownEmail(existing.get().id()));
			return;
		}
		Instant now = clock.instant();
		var personal = new PersonalData(request.firstName().strip(), request.lastName().strip(),
				request.street().strip(), request.postalCode().strip(), request.city().strip(),
				request.country().strip().toUpperCase(Locale.ROOT), request.dateOfBirth(), blankToNull(request.phone()),
				blankToNull(request.companyName()));
		var consent = new Account.Consent(termsVersions.current(), policyVersions.current(), now);
		var account = Account.registerCustomer(AccountId.random(), newCustomerNumber(), email, personal, sourceAddress,
				locale, hash, consent, now);
		accounts.insert(account);
		Duration validity = verificationPeriod();
		String token = tokens.issue(account.id(), TokenPurpose.VERIFY_EMAIL, validity, null);
		mails.verifyEmail(account, token, validity);
		events.publishEvent(new AccountRegistered(account.id()));
		log.info("event=identity.account.registered account={}", account.id());
	}

	/** The version of the terms of service a registration now accepts and records ({@code /terms}). */
	public String termsVersion() {
		return termsVersions.current();
	}

	/** How long a verification link issued now works: as long as the register keeps the unverified registration. */
	public Duration verificationPeriod() {
		return retention.of(UNVERIFIED_REGISTRATION);
	}

	/** {@link #verificationPeriod()} in whole days, as the pages and mails say it (a DST change is not a day). */
	public long verificationDays() {
		return days(verificationPeriod());
	}

	static long days(Duration period) {
		return Math.round(period.toMinutes() / (24 * 60.0));
	}

	/** Completes verification; false when the link is unknown, used or expired. */
	@Transactional
	public boolean verify(String token) {
		var redeemed = tokens.redeem(TokenPurpose.VERIFY_EMAIL, token);
		if (redeemed.isEmpty() || redeemed.get().account() == null) {
			return false;
		}
		var account = accounts.findById(redeemed.get().account()).orElse(null);
		if (account == null || account.status() != AccountStatus.UNVERIFIED) {
			return false;
		}
		account.markVerified(clock.instant());
		accounts.update(account);
		events.publishEvent(new AccountVerified(account.id()));
		return true;
	}

	private CustomerNumber newCustomerNumber() {
		for (int attempt = 0; attempt < 20; attempt++) {
			var number = CustomerNumber.fromDigits(String.format("%08d", 10_000_000 + RANDOM.nextInt(90_000_000)));
			if (!accounts.customerNumberTaken(number)) {
				return number;
			}
		}
		throw new IllegalStateException("could not find a free customer number");
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
