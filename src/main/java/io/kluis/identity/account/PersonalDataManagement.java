package io.kluis.identity.account;

import io.kluis.identity.EmailChangeRequested;
import io.kluis.identity.EmailChanged;
import io.kluis.identity.PersonalDataCorrected;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Viewing and correcting one's own personal data (RIG-2). Every change is audit-logged with the
 * names of the changed fields. A new email address becomes the login name only after the link
 * mailed to it is used, and the old address is told.
 */
@Service
public class PersonalDataManagement {

	private final Accounts accounts;

	private final RegistrationValidator validator;

	private final OneTimeTokens tokens;

	private final IdentityMails mails;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	PersonalDataManagement(Accounts accounts, RegistrationValidator validator, OneTimeTokens tokens,
			IdentityMails mails, IdentityProperties properties, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.validator = validator;
		this.tokens = tokens;
		this.mails = mails;
		this.properties = properties;
		this.events = events;
	}

	public Account view(AccountId id) {
		return accounts.findById(id).orElseThrow(() -> new NotFoundException("account"));
	}

	/**
	 * Applies corrections; fields left null keep their value. Returns the names of changed fields.
	 * @throws RegistrationRefused when a corrected value breaks a registration rule
	 */
	@Transactional
	public List<String> correct(AccountId id, PersonalDataChange change, AccountId actor) {
		Account account = view(id);
		PersonalData current = Objects.requireNonNull(account.personal(), "customer personal data");
		PersonalData next = change.applyTo(current);
		var violations = validator.validatePersonalData(next);
		if (!violations.isEmpty()) {
			throw new RegistrationRefused(violations);
		}
		List<String> changed = changedFields(current, next);
		if (change.locale() != null && !change.locale().equals(account.locale())) {
			account.changeLocale(change.locale());
			changed.add("locale");
		}
		if (!changed.isEmpty()) {
			account.correctPersonalData(next);
			accounts.update(account);
			events.publishEvent(new PersonalDataCorrected(id, actor, String.join(",", changed)));
		}
		return changed;
	}

	/** Sends a confirmation link to the new address; nothing changes until it is used. */
	@Transactional
	public void requestEmailChange(AccountId id, String newEmailText) {
		if (!EmailAddress.isValid(newEmailText)) {
			throw new RegistrationRefused(List.of(RegistrationValidator.violation("email", "email.invalid")));
		}
		Account account = view(id);
		EmailAddress newEmail = EmailAddress.of(newEmailText);
		if (newEmail.equals(account.email())) {
			return;
		}
		// An address that belongs to another account is not revealed: the link simply will not work.
		tokens.revokeAll(id, TokenPurpose.CHANGE_EMAIL);
		String token = tokens.issue(id, TokenPurpose.CHANGE_EMAIL, properties.emailChangeLinkValidity(),
				newEmail.value());
		mails.confirmNewEmail(account, newEmail, token);
		events.publishEvent(new EmailChangeRequested(id));
	}

	/** Completes an email change from the link; false when the link or the address is no longer usable. */
	@Transactional
	public boolean confirmEmailChange(String token) {
		var redeemed = tokens.redeem(TokenPurpose.CHANGE_EMAIL, token);
		if (redeemed.isEmpty() || redeemed.get().account() == null || redeemed.get().payload() == null) {
			return false;
		}
		EmailAddress newEmail = EmailAddress.of(redeemed.get().payload());
		var account = accounts.findById(redeemed.get().account()).orElse(null);
		if (account == null || accounts.existsByEmail(newEmail)) {
			return false;
		}
		EmailAddress old = account.email();
		account.changeEmail(newEmail);
		accounts.update(account);
		mails.emailChanged(account, old);
		events.publishEvent(new EmailChanged(account.id()));
		return true;
	}

	private static List<String> changedFields(PersonalData a, PersonalData b) {
		var changed = new ArrayList<String>();
		if (!a.firstName().equals(b.firstName())) changed.add("firstName");
		if (!a.lastName().equals(b.lastName())) changed.add("lastName");
		if (!a.street().equals(b.street())) changed.add("street");
		if (!a.postalCode().equals(b.postalCode())) changed.add("postalCode");
		if (!a.city().equals(b.city())) changed.add("city");
		if (!a.country().equals(b.country())) changed.add("country");
		if (!a.dateOfBirth().equals(b.dateOfBirth())) changed.add("dateOfBirth");
		if (!Objects.equals(a.phone(), b.phone())) changed.add("phone");
		if (!Objects.equals(a.companyName(), b.companyName())) changed.add("companyName");
		return changed;
	}

	/** Requested corrections; null means "keep". Blank phone/company clear the optional field. */
	public record PersonalDataChange(String firstName, String lastName, String street, String postalCode, String city,
			String country, java.time.LocalDate dateOfBirth, String phone, String companyName, Locale locale) {

		PersonalData applyTo(PersonalData p) {
			return new PersonalData(keep(firstName, p.firstName()), keep(lastName, p.lastName()), keep(street, p.street()),
					keep(postalCode, p.postalCode()), keep(city, p.city()),
					country == null ? p.country() : country.strip().toUpperCase(Locale.ROOT),
					dateOfBirth == null ? p.dateOfBirth() : dateOfBirth, optional(phone, p.phone()),
					optional(companyName, p.companyName()));
		}

		private static String keep(String value, String current) {
			return value == null ? current : value.strip();
		}

		private static String optional(String value, String current) {
			return value == null ? current : value.isBlank() ? null : value.strip();
		}

		@Override
		public String toString() {
			return "PersonalDataChange[***]";
		}
	}
}
