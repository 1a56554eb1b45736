package io.kluis.identity.api;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.AccountReauthentication;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.shared.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account (HTTP Basic with an app password): view and correct personal data
 * (RIG-2), and manage the second factor. Changing the email address or the second factor also
 * needs re-authentication: the account password in {@code X-Kluis-Password} and, when a second
 * factor is on, a current code in {@code X-Kluis-OTP}, so an app password alone never reaches
 * account takeover.
 */
@RestController
@RequestMapping("/api/v1/me")
class MeApi {

	record Me(String id, @Nullable String customerNumber, String email, String status, String language,
			@Nullable String firstName, @Nullable String lastName, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable String country, @Nullable LocalDate dateOfBirth, @Nullable String phone,
			@Nullable String companyName, boolean mfa, Instant createdAt, @Nullable String termsVersion,
			@Nullable String privacyPolicyVersion) {

		static Me of(Account a) {
			var p = a.personal();
			return new Me(a.id().toString(), a.customerNumber() == null ? null : a.customerNumber().value(),
					a.email().value(), a.status().name(), a.locale().getLanguage(), p == null ? null : p.firstName(),
					p == null ? null : p.lastName(), p == null ? null : p.street(), p == null ? null : p.postalCode(),
					p == null ? null : p.city(), p == null ? null : p.country(), p == null ? null : p.dateOfBirth(),
					p == null ? null : p.phone(), p == null ? null : p.companyName(), a.hasMfa(), a.createdAt(),
					a.consent().termsVersion(), a.consent().privacyPolicyVersion());
		}

		@Override
		public String toString() {
			return "Me[" + id + "]";
		}
	}

	record Patch(@Nullable String email, @Nullable String firstName, @Nullable String lastName, @Nullable String street,
			@Nullable String postalCode, @Nullable String city, @Nullable String country, @Nullable LocalDate dateOfBirth,
			@Nullable String phone, @Nullable String companyName, @Nullable String language) {

		@Override
		public String toString() {
			return "Patch[***]";
		}
	}

	record TotpEnrollment(String secret, String otpauthUri) {

		@Override
		public String toString() {
			return "TotpEnrollment[***]";
		}
	}

	record Code(@Nullable String code) {

		@Override
		public String toString() {
			return "Code[***]";
		}
	}

	record RecoveryCodes(List<String> recoveryCodes) {

		@Override
		public String toString() {
			return "RecoveryCodes[***]";
		}
	}

	private final PersonalDataManagement personalData;

	private final MultiFactor multiFactor;

	private final AccountReauthentication reauthentication;

	MeApi(PersonalDataManagement personalData, MultiFactor multiFactor, AccountReauthentication reauthentication) {
		this.personalData = personalData;
		this.multiFactor = multiFactor;
		this.reauthentication = reauthentication;
	}

	@Operation(summary = "Your account and personal data")
	@GetMapping
	Me me(@AuthenticationPrincipal CurrentAccount current) {
		return Me.of(personalData.view(current.id()));
	}

	/**
	 * Corrects personal data; absent fields stay as they are. A new email address is not applied
	 * here: a confirmation link goes to it, and the response is 202 until it is used.
	 */
	@Operation(summary = "Correct your personal data (RIG-2); a new email address needs X-Kluis-Password "
			+ "(and X-Kluis-OTP with MFA) and is confirmed by mail")
	@PatchMapping
	ResponseEntity<Me> patch(@RequestBody Patch body, @AuthenticationPrincipal CurrentAccount current,
			@RequestHeader(name = AccountReauthentication.PASSWORD_HEADER, required = false) @Nullable String password,
			@RequestHeader(name = AccountReauthentication.CODE_HEADER, required = false) @Nullable String code) {
		if (body.email() != null) {
			// Checked before anything changes: the email address is the key to a password reset.
			reauthenticate(current, password, code);
		}
		Locale locale = null;
		if (body.language() != null) {
			if (!body.language().equals("nl") && !body.language().equals("en")) {
				throw new InvalidInputException("language", "language must be nl or en");
			}
			locale = body.language().equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("nl");
		}
		personalData.correct(current.id(), new PersonalDataManagement.PersonalDataChange(body.firstName(),
				body.lastName(), body.street(), body.postalCode(), body.city(), body.country(), body.dateOfBirth(),
				body.phone(), body.companyName(), locale), current.id());
		if (body.email() != null) {
			personalData.requestEmailChange(current.id(), body.email());
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Me.of(personalData.view(current.id())));
		}
		return ResponseEntity.ok(Me.of(personalData.view(current.id())));
	}

	@Operation(summary = "Start TOTP set-up; needs X-Kluis-Password (and X-Kluis-OTP with MFA)")
	@PostMapping("/totp")
	TotpEnrollment beginTotp(@AuthenticationPrincipal CurrentAccount current,
			@RequestHeader(name = AccountReauthentication.PASSWORD_HEADER, required = false) @Nullable String password,
			@RequestHeader(name = AccountReauthentication.CODE_HEADER, required = false) @Nullable String code) {
		reauthenticate(current, password, code);
		var enrollment = multiFactor.beginTotp(current.id());
		return new TotpEnrollment(enrollment.secret(), enrollment.otpauthUri());
	}

	@Operation(summary = "Confirm TOTP set-up with a code; returns the recovery codes once")
	@PostMapping("/totp/confirmation")
	ResponseEntity<RecoveryCodes> confirmTotp(@RequestBody Code body, @AuthenticationPrincipal CurrentAccount current) {
		var codes = multiFactor.confirmTotp(current.id(), body.code() == null ? "" : body.code())
			.orElseThrow(() -> new InvalidInputException("code", "the code is not valid for the pending set-up"));
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(new RecoveryCodes(codes));
	}

	@Operation(summary = "Remove the second factor; needs X-Kluis-Password and X-Kluis-OTP")
	@DeleteMapping("/totp")
	ResponseEntity<Void> disableTotp(@AuthenticationPrincipal CurrentAccount current,
			@RequestHeader(name = AccountReauthentication.PASSWORD_HEADER, required = false) @Nullable String password,
			@RequestHeader(name = AccountReauthentication.CODE_HEADER, required = false) @Nullable String code) {
		reauthenticate(current, password, code);
		multiFactor.disable(current.id(), current.id());
		return ResponseEntity.noContent().build();
	}

	private void reauthenticate(CurrentAccount current, @Nullable String password, @Nullable String code) {
		if (!reauthentication.confirms(current.id(), password, code)) {
			throw new InvalidInputException(AccountReauthentication.PASSWORD_HEADER, "send your current account password in "
					+ "X-Kluis-Password and, when a second factor is on, a current code in X-Kluis-OTP");
		}
	}
}
