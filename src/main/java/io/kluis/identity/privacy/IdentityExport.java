package io.kluis.identity.privacy;

import static io.kluis.identity.privacy.IdentityCategories.CONTACT_EMAIL;
import static io.kluis.identity.privacy.IdentityCategories.CREDENTIALS;
import static io.kluis.identity.privacy.IdentityCategories.CUSTOMER_IDENTITY;
import static io.kluis.identity.privacy.IdentityCategories.LOGIN_PROTECTION;
import static io.kluis.identity.privacy.IdentityCategories.REGISTRATION_EVIDENCE;
import static io.kluis.identity.privacy.IdentityCategories.SESSIONS;
import static io.kluis.identity.privacy.IdentityCategories.UNVERIFIED_REGISTRATION;

import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountSessions;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.OneTimeTokens;
import io.kluis.identity.account.TokenPurpose;
import io.kluis.shared.personaldata.ExportedCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What identity holds about one account, per register category, as flat records (RIG-1). Secrets
 * are described, never exported: when the password changed, whether an authenticator app is set up,
 * how many recovery codes are left, which app passwords exist, but no hash, secret or token.
 * Address-throttle counters are not exported: they are keyed by a hash of an IP address and cannot
 * be attributed to a person.
 */
@Component
class IdentityExport {

	private final AppPasswords appPasswords;

	private final MultiFactor multiFactor;

	private final OneTimeTokens tokens;

	private final AccountSessions sessions;

	IdentityExport(AppPasswords appPasswords, MultiFactor multiFactor, OneTimeTokens tokens, AccountSessions sessions) {
		this.appPasswords = appPasswords;
		this.multiFactor = multiFactor;
		this.tokens = tokens;
		this.sessions = sessions;
	}

	List<ExportedCategory> export(Account account) {
		var held = tokens.heldFor(account.id());
		boolean unverified = account.status() == AccountStatus.UNVERIFIED;
		return List.of(ExportedCategory.of(CUSTOMER_IDENTITY, List.of(), List.of(identity(account))),
				ExportedCategory.of(CONTACT_EMAIL, List.of("type", "email", "requestedAt", "confirmedAt"),
						contact(account, held)),
				ExportedCategory.of(CREDENTIALS, List.of("type", "name", "purpose", "createdAt", "expiresAt", "usedAt",
						"lastUsedAt"), credentials(account, held)),
				ExportedCategory.of(REGISTRATION_EVIDENCE, List.of("registeredAt", "registrationIp", "termsVersion",
						"privacyPolicyVersion", "acceptedAt", "verifiedAt"), registration(account)),
				ExportedCategory.of(UNVERIFIED_REGISTRATION, List.of("registeredAt", "status"),
						unverified ? List.of(row("registeredAt", account.createdAt(), "status", account.status())) : List.of()),
				ExportedCategory.of(SESSIONS, List.of("createdAt", "lastActiveAt", "device"),
						sessions.list(account.id(), null).stream()
							.map(s -> row("createdAt", s.createdAt(), "lastActiveAt", s.lastAccessedAt(), "device",
									s.device()))
							.toList()),
				ExportedCategory.of(LOGIN_PROTECTION, List.of(), List.of(row("failedLogins", account.guard().failures(),
						"lastFailedLoginAt", account.guard().lastFailureAt(), "throttledUntil",
						account.guard().throttledUntil(), "lockedSince", account.guard().lockedAt()))));
	}

	private static Map<String, @Nullable Object> identity(Account account) {
		var p = account.personal();
		var r = row("accountId", account.id(), "customerNumber", account.customerNumber(), "kind", account.kind(),
				"status", account.status(), "language", account.locale().toLanguageTag());
		r.put("firstName", p == null ? null : p.firstName());
		r.put("lastName", p == null ? null : p.lastName());
		r.put("street", p == null ? null : p.street());
		r.put("postalCode", p == null ? null : p.postalCode());
		r.put("city", p == null ? null : p.city());
		r.put("country", p == null ? null : p.country());
		r.put("dateOfBirth", p == null ? null : p.dateOfBirth().toString());
		r.put("phone", p == null ? null : p.phone());
		r.put("companyName", p == null ? null : p.companyName());
		r.put("roles", account.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(" ")));
		r.put("createdAt", account.createdAt().toString());
		r.put("verifiedAt", text(account.verifiedAt()));
		return r;
	}

	private static List<Map<String, @Nullable Object>> contact(Account account, List<OneTimeTokens.Held> held) {
		var records = new ArrayList<Map<String, @Nullable Object>>();
		records.add(row("type", "current", "email", account.email().value()));
		held.stream()
			.filter(t -> t.purpose() == TokenPurpose.CHANGE_EMAIL && t.payload() != null)
			.forEach(t -> records.add(row("type", "requested-change", "email", t.payload(), "requestedAt",
					t.createdAt(), "confirmedAt", t.usedAt())));
		return records;
	}

	private List<Map<String, @Nullable Object>> credentials(Account account, List<OneTimeTokens.Held> held) {
		var records = new ArrayList<Map<String, @Nullable Object>>();
		var password = row("type", "password", "passwordChangedAt", account.passwordChangedAt(), "storedAs",
				"Argon2id hash");
		password.put("authenticatorApp", account.hasMfa());
		password.put("mfaOnSince", text(account.mfaEnabledAt()));
		password.put("recoveryCodesLeft", account.hasMfa() ? multiFactor.remainingRecoveryCodes(account.id()) : 0);
		records.add(password);
		appPasswords.list(account.id())
			.forEach(a -> records.add(row("type", "app-password", "name", a.name(), "createdAt", a.createdAt(),
					"lastUsedAt", a.lastUsedAt())));
		held.forEach(t -> records.add(row("type", "mailed-link", "purpose", t.purpose(), "createdAt", t.createdAt(),
				"expiresAt", t.expiresAt(), "usedAt", t.usedAt())));
		return records;
	}

	private static List<Map<String, @Nullable Object>> registration(Account account) {
		var consent = account.consent();
		if (consent.acceptedAt() == null && account.registrationIp() == null) {
			return List.of();
		}
		var r = row("registeredAt", account.createdAt(), "registrationIp", account.registrationIp(), "termsVersion",
				consent.termsVersion(), "privacyPolicyVersion", consent.privacyPolicyVersion());
		r.put("acceptedAt", text(consent.acceptedAt()));
		r.put("verifiedAt", text(account.verifiedAt()));
		return List.of(r);
	}

	/** A record from key/value pairs; values become text unless they are numbers or booleans. */
	private static Map<String, @Nullable Object> row(Object... pairs) {
		var r = new LinkedHashMap<String, @Nullable Object>();
		for (int i = 0; i < pairs.length; i += 2) {
			Object value = pairs[i + 1];
			r.put((String) pairs[i], value instanceof Number || value instanceof Boolean ? value : text(value));
		}
		return r;
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : value.toString();
	}
}
