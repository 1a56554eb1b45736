package io.kluis.privacy.rights;

import static io.kluis.privacy.rights.Reauthentication.caller;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rights over the API (HTTP Basic with an app password): exports (RIG-1, RIG-5), restriction
 * (RIG-4), objection (RIG-6) and closing the account (RIG-3). Like the panel, requesting an export,
 * downloading it and closing the account also need the account password in {@code X-Kluis-Password}
 * and, with MFA on, a code in {@code X-Kluis-OTP}: an app password alone never carries away all of
 * a customer's data.
 */
@RestController
@RequestMapping("/api/v1/me")
class RightsApi {

	record ExportStatus(String id, String status, Instant createdAt, @Nullable Instant readyAt,
			@Nullable Instant expiresAt) {

		static ExportStatus of(Export e) {
			return new ExportStatus(e.id().toString(), e.status().name(), e.createdAt(), e.readyAt(), e.expiresAt());
		}
	}

	record PrivacyState(boolean restricted, @Nullable Instant restrictedAt, boolean objected,
			@Nullable Instant objectedAt) {

		static PrivacyState of(SubjectStates.State s) {
			return new PrivacyState(s.restricted(), s.restrictedAt(), s.objected(), s.objectedAt());
		}
	}

	private final ExportingPersonalData exports;

	private final SubjectStates states;

	private final ClosingAccounts closing;

	private final Reauthentication reauthentication;

	private final java.time.Clock clock;

	RightsApi(ExportingPersonalData exports, SubjectStates states, ClosingAccounts closing,
			Reauthentication reauthentication, java.time.Clock clock) {
		this.exports = exports;
		this.states = states;
		this.closing = closing;
		this.reauthentication = reauthentication;
		this.clock = clock;
	}

	@Operation(summary = "Request a copy of all your data (RIG-1, RIG-5); needs X-Kluis-Password (and X-Kluis-OTP "
			+ "with MFA); 202, poll the Location")
	@PostMapping("/exports")
	ResponseEntity<ExportStatus> requestExport(Authentication authentication,
			@RequestHeader(name = "X-Kluis-Password", required = false) @Nullable String password,
			@RequestHeader(name = "X-Kluis-OTP", required = false) @Nullable String code) {
		var account = caller(authentication);
		reauthenticate(account, password, code);
		var export = exports.request(account, account);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/me/exports/" + export.id()))
			.header("Retry-After", "2")
			.body(ExportStatus.of(export));
	}

	@Operation(summary = "An export: 202 while it is built, 200 with the ZIP when ready (docs/export-format.md); "
			+ "the ZIP needs X-Kluis-Password (and X-Kluis-OTP with MFA), polling does not")
	@GetMapping("/exports/{id}")
	ResponseEntity<?> export(@PathVariable UUID id, Authentication authentication,
			@RequestHeader(name = "X-Kluis-Password", required = false) @Nullable String password,
			@RequestHeader(name = "X-Kluis-OTP", required = false) @Nullable String code) throws IOException {
		var account = caller(authentication);
		var export = exports.find(account, id).orElseThrow(() -> new NotFoundException("export"));
		switch (export.status()) {
			case BUILDING:
				return ResponseEntity.accepted()
					.location(URI.create("/api/v1/me/exports/" + id))
					.header("Retry-After", "2")
					.body(ExportStatus.of(export));
			case FAILED:
				throw new ConflictException("the export could not be built; request a new one");
			default:
				reauthenticate(account, password, code);
				var download = exports.download(account, id, "api").orElseThrow(() -> new NotFoundException("export"));
				return RightsPanelController.zip(download);
		}
	}

	@Operation(summary = "Restrict processing of your data to storage only (RIG-4)")
	@PostMapping("/restriction")
	PrivacyState restrict(Authentication authentication) {
		var account = caller(authentication);
		return PrivacyState.of(states.restrict(account, account));
	}

	@Operation(summary = "Lift the restriction (RIG-4)")
	@DeleteMapping("/restriction")
	PrivacyState liftRestriction(Authentication authentication) {
		var account = caller(authentication);
		return PrivacyState.of(states.liftRestriction(account, account));
	}

	@Operation(summary = "Object to processing on legitimate interest and to direct marketing (RIG-6)")
	@PostMapping("/objection")
	PrivacyState object(Authentication authentication) {
		var account = caller(authentication);
		return PrivacyState.of(states.object(account, account));
	}

	@Operation(summary = "Withdraw the objection (RIG-6)")
	@DeleteMapping("/objection")
	PrivacyState withdrawObjection(Authentication authentication) {
		var account = caller(authentication);
		return PrivacyState.of(states.withdrawObjection(account, account));
	}

	@Operation(summary = "Your restriction and objection states")
	@GetMapping("/privacy-state")
	PrivacyState state(Authentication authentication) {
		return PrivacyState.of(states.of(caller(authentication)));
	}

	@Operation(summary = "Close your account and erase your data (RIG-3); needs X-Kluis-Password (and X-Kluis-OTP with MFA)")
	@DeleteMapping
	@PreAuthorize("hasRole('CUSTOMER')")
	ResponseEntity<Void> close(Authentication authentication,
			@RequestHeader(name = "X-Kluis-Password", required = false) @Nullable String password,
			@RequestHeader(name = "X-Kluis-OTP", required = false) @Nullable String code) {
		var account = caller(authentication);
		reauthenticate(account, password, code);
		closing.close(account, account);
		return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
	}

	private void reauthenticate(AccountId account, @Nullable String password, @Nullable String code) {
		if (!reauthentication.confirms(account, password, code)) {
			throw new InvalidInputException("X-Kluis-Password", "send your account password in X-Kluis-Password and, "
					+ "when a second factor is on, a current code in X-Kluis-OTP");
		}
	}
}
