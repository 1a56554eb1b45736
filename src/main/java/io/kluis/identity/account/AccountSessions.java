package io.kluis.identity.account;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * An account's browser sessions, found through Spring Session's principal-name index (the account
 * id), so they can be listed and ended from any node: remote logout, and every session after a
 * password reset or a block.
 */
@Component
public class AccountSessions {

	/**
	 * A session as the sessions page shows it. {@code handle} (a hash of the session id) names it in
	 * URLs and forms; the session id itself, a bearer secret, never leaves the server.
	 */
	public record Listed(String id, String handle, Instant createdAt, Instant lastAccessedAt, String device,
			boolean current) {

		@Override
		public String toString() {
			return "Listed[" + handle + "]";
		}
	}

	public static final String LOGIN_AT = "kluis.loginAt";

	public static final String DEVICE = "kluis.device";

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	public List<Listed> list(AccountId account, @Nullable String currentSessionId) {
		return sessions.findByPrincipalName(account.toString())
			.values()
			.stream()
			.map(s -> new Listed(s.getId(), handle(s.getId()), s.getCreationTime(), s.getLastAccessedTime(),
					String.valueOf(s.getAttributeOrDefault(DEVICE, "unknown")), s.getId().equals(currentSessionId)))
			.sorted(Comparator.comparing(Listed::lastAccessedAt).reversed())
			.toList();
	}

	/** Ends the account's session with this handle; false when it is not theirs (or already gone). */
	public boolean endByHandle(AccountId account, String handle) {
		var match = sessions.findByPrincipalName(account.toString()).keySet().stream()
			.filter(id -> handle(id).equals(handle))
			.findFirst();
		match.ifPresent(sessions::deleteById);
		return match.isPresent();
	}

	static String handle(String sessionId) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Ends all of the account's sessions except {@code keep} (may be null); returns how many ended. */
	public int endAll(AccountId account, @Nullable String keep) {
		var ids = sessions.findByPrincipalName(account.toString()).keySet().stream().filter(id -> !id.equals(keep)).toList();
		ids.forEach(sessions::deleteById);
		return ids.size();
	}
}
