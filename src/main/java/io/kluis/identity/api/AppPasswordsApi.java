package io.kluis.identity.api;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import java.time.Instant;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** App passwords for WebDAV and API clients. */
@RestController
@RequestMapping("/api/v1/app-passwords")
class AppPasswordsApi {

	record NewAppPassword(@Nullable String name, @Nullable List<String> scopes) {
	}

	record CreatedAppPassword(UUID id, String name, List<String> scopes, String secret) {

		@Override
		public String toString() {
			return "CreatedAppPassword[" + id + "]";
		}
	}

	private final AppPasswords appPasswords;

	private final AccountPasswordAuthentication accountPassword;

	AppPasswordsApi(AppPasswords appPasswords, AccountPasswordAuthentication accountPassword) {
		this.appPasswords = appPasswords;
		this.accountPassword = accountPassword;
	}

	/**
	 * Creates an app password. Authenticated by the account password (HTTP Basic) and, when MFA is
	 * on, header X-Kluis-OTP: the one API call that accepts the account password. {@code scopes}
	 * names what it may reach ({@code files}, {@code api:read}, {@code api:write}); without it, only
	 * WebDAV ({@code files}). The secret is in this response only.
	 */
	@Operation(summary = "Create an app password (Basic with the account password, plus X-Kluis-OTP with MFA); "
			+ "scopes: files (WebDAV, the default), api:read, api:write")
	@PostMapping
	ResponseEntity<CreatedAppPassword> create(@RequestBody(required = false) @Nullable NewAppPassword body,
			HttpServletRequest request) {
		var account = accountPassword.authenticate(request);
		String name = body == null || body.name() == null ? "" : body.name();
		var scopes = AppPasswordScope.of(body == null || body.scopes() == null ? List.of() : body.scopes());
		var created = appPasswords.create(account.id(), name, scopes);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/app-passwords/" + created.id()))
			.header("Cache-Control", "no-store")
			.body(new CreatedAppPassword(created.id(), created.name(),
					created.scopes().stream().sorted().map(AppPasswordScope::value).toList(), created.secret()));
	}

	@Operation(summary = "List your app passwords (never their secrets)")
	@GetMapping
	List<ListedAppPassword> list(@AuthenticationPrincipal CurrentAccount current) {
		return appPasswords.list(current.id()).stream().map(ListedAppPassword::of).toList();
	}

	record ListedAppPassword(UUID id, String name, List<String> scopes, Instant createdAt, @Nullable Instant lastUsedAt) {

		static ListedAppPassword of(AppPasswords.Listed p) {
			return new ListedAppPassword(p.id(), p.name(), p.scopes().stream().sorted().map(AppPasswordScope::value).toList(),
					p.createdAt(), p.lastUsedAt());
		}
	}

	@Operation(summary = "Revoke one of your app passwords")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		appPasswords.revoke(current.id(), id, current.id());
		return ResponseEntity.noContent().build();
	}
}
