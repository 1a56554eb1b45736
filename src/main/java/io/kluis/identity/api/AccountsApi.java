package io.kluis.identity.api;

import io.kluis.identity.account.CustomerRegistration;
import io.kluis.identity.account.PasswordManagement;
import io.kluis.identity.account.ResetRequests;
import io.kluis.identity.account.RegistrationRequest;
import io.kluis.shared.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registration, verification and password reset without a browser. */
@RestController
@RequestMapping("/api/v1")
class AccountsApi {

	record Registration(@Nullable String email, @Nullable String password, @Nullable String firstName,
			@Nullable String lastName, @Nullable String street, @Nullable String postalCode, @Nullable String city,
			@Nullable String country, @Nullable LocalDate dateOfBirth, @Nullable String phone,
			@Nullable String companyName, @Nullable String language) {

		@Override
		public String toString() {
			return "Registration[***]";
		}
	}

	record Token(@Nullable String token) {

		@Override
		public String toString() {
			return "Token[***]";
		}
	}

	record ResetRequest(@Nullable String email) {

		@Override
		public String toString() {
			return "ResetRequest[***]";
		}
	}

	record ResetCompletion(@Nullable String token, @Nullable String password) {

		@Override
		public String toString() {
			return "ResetCompletion[***]";
		}
	}

	private static final Map<String, String> ACCEPTED = Map.of("status", "accepted", "detail",
			"If the data is valid, a mail is on its way to the address: follow its link to continue.");

	private final CustomerRegistration registration;

	private final PasswordManagement passwords;

	private final ResetRequests resetRequests;

	AccountsApi(CustomerRegistration registration, PasswordManagement passwords, ResetRequests resetRequests) {
		this.resetRequests = resetRequests;
		this.registration = registration;
		this.passwords = passwords;
	}

	/**
	 * Answers 202 whether or not the address already has an account (its owner is mailed instead),
	 * so the API cannot be used to find out who is a customer. Registering accepts the current
	 * terms and privacy statement, as the web form's check box does.
	 */
	@Operation(summary = "Register a customer account (ACC-1); 202 in every valid case")
	@PostMapping("/accounts")
	ResponseEntity<Map<String, String>> register(@RequestBody Registration body, HttpServletRequest request,
			@RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage) {
		String language = body.language() != null ? body.language()
				: acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "nl";
		var locale = "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
		registration.register(new RegistrationRequest(text(body.email()), text(body.password()), text(body.firstName()),
				text(body.lastName()), text(body.street()), text(body.postalCode()), text(body.city()),
				text(body.country()), body.dateOfBirth(), body.phone(), body.companyName(), true),
				request.getRemoteAddr(), locale);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

	@Operation(summary = "Verify an email address with the token from the verification mail")
	@PostMapping("/accounts/verification")
	ResponseEntity<Void> verify(@RequestBody Token body) {
		if (body.token() == null || !registration.verify(body.token())) {
			throw new InvalidInputException("token", "the token is invalid, used or expired");
		}
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Ask for a password-reset mail; 202 whether or not the address is known")
	@PostMapping("/password-resets")
	ResponseEntity<Map<String, String>> requestReset(@RequestBody ResetRequest body) {
		// Off the request thread: the answer takes as long for an unknown address as for a known one.
		resetRequests.submit(text(body.email()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

	@Operation(summary = "Set a new password with the token from the reset mail; ends all sessions")
	@PostMapping("/password-resets/completion")
	ResponseEntity<Void> completeReset(@RequestBody ResetCompletion body) {
		try {
			passwords.completeReset(text(body.token()), text(body.password()));
		}
		catch (io.kluis.shared.web.NotFoundException e) {
			throw new InvalidInputException("token", "the token is invalid, used or expired");
		}
		return ResponseEntity.noContent().build();
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}
}
