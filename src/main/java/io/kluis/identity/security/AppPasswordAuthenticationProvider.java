package io.kluis.identity.security;

import io.kluis.identity.AccountBlocked;
import io.kluis.identity.AccountLocked;
import io.kluis.identity.AppPasswordRevoked;
import io.kluis.identity.PasswordChanged;
import io.kluis.identity.account.Account;
import io.kluis.identity.account.AccountStatus;
import io.kluis.identity.account.Accounts;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.CredentialsWithdrawn;
import io.kluis.shared.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for API and WebDAV clients: the account's email as user name and an app password.
 * The account password is never accepted here, so a second factor cannot be bypassed by a client
 * that only asks for a password.
 *
 * <p>WebDAV clients send the credentials with every request (a folder sync is thousands of them),
 * so a successful check is remembered for {@link #REMEMBER} under a keyed hash of user name and
 * secret (the secret itself is never kept): the next requests skip the secret's hash, the look-up
 * by email and the decryption of the account. They do not skip the database: each one asks, by
 * primary key, whether that app password is still unrevoked and its account still active, so a
 * revocation, a block or an erasure on any node of a cluster takes effect on every node at once.
 * Revoking, changing the password, blocking, locking or erasing also forgets everything remembered
 * on this node.
 */
@Component
class AppPasswordAuthenticationProvider implements AuthenticationProvider {

	static final Duration REMEMBER = Duration.ofSeconds(15);

	private static final int MAX_REMEMBERED = 10_000;

	private final AppPasswords appPasswords;

	private final Accounts accounts;

	private final AddressThrottle addressThrottle;

	private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

	private final SecretKeySpec rememberKey;

	private record Remembered(Authentication authentication, UUID appPassword, long expiresAtNanos) {
	}

	private record Checked(Authentication authentication, UUID appPassword) {
	}

	AppPasswordAuthenticationProvider(AppPasswords appPasswords, Accounts accounts, AddressThrottle addressThrottle) {
		this.appPasswords = appPasswords;
		this.accounts = accounts;
		this.addressThrottle = addressThrottle;
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.rememberKey = new SecretKeySpec(key, "HmacSHA256");
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = String.valueOf(authentication.getPrincipal());
		String secret = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		String rememberAs = rememberKey(user, secret);
		Remembered known = remembered.get(rememberAs);
		if (known != null && known.expiresAtNanos() - System.nanoTime() > 0) {
			if (appPasswords.stillValid(known.appPassword())) {
				return known.authentication();
			}
			remembered.remove(rememberAs);
		}
		Checked result = check(user, secret, authentication);
		if (remembered.size() >= MAX_REMEMBERED) {
			remembered.clear();
		}
		remembered.put(rememberAs,
				new Remembered(result.authentication(), result.appPassword(), System.nanoTime() + REMEMBER.toNanos()));
		return result.authentication();
	}

	/** Forgets every remembered check when credentials or the account's standing change. */
	@EventListener({ AppPasswordRevoked.class, PasswordChanged.class, AccountBlocked.class, AccountLocked.class,
			CredentialsWithdrawn.class })
	void credentialsChanged() {
		remembered.clear();
	}

	private String rememberKey(String user, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(rememberKey);
			return Base64.getEncoder().encodeToString(mac.doFinal((user + '\0' + secret).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is missing", e);
		}
	}

	private Checked check(String user, String secret, Authentication authentication) {
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		// No address check before: an app password is 160 random bits, so a throttled address cannot
		// guess one, and a correct one is never refused because others behind the same address guessed.
		Account account = EmailAddress.isValid(user) ? accounts.findByEmail(EmailAddress.of(user))
			.filter(a -> a.status() == AccountStatus.ACTIVE)
			.orElse(null) : null;
		var checked = account == null ? Optional.<AppPasswords.Authenticated>empty()
				: appPasswords.authenticate(account.id(), secret);
		if (checked.isEmpty()) {
			addressThrottle.recordFailure(address);
			throw new BadCredentialsException("refused");
		}
		return new Checked(Authentications.appPassword(account, checked.get().scopes()), checked.get().id());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
