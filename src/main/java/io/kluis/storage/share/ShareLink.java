package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A share link as stored: never the token (only its keyed hash, which is not even loaded here), the
 * password only as an Argon2id hash. {@link #toString()} shows the id only.
 *
 * @param folder whether the shared node is a folder
 * @param encrypted a vault share: the server serves the listed ciphertext files and the manifest
 */
public record ShareLink(UUID id, AccountId account, UUID space, UUID node, boolean folder, boolean encrypted,
		Instant createdAt, @Nullable Instant expiresAt, @Nullable String passwordHash, int passwordFailures,
		@Nullable Instant passwordBlockedUntil, @Nullable Integer downloadLimit, int downloads,
		@Nullable Instant exhaustedAt, @Nullable Instant revokedAt) {

	/** Why a link does or does not work at a moment. */
	public enum State {
		ACTIVE, EXPIRED, EXHAUSTED, REVOKED
	}

	public State state(Instant now) {
		if (revokedAt != null) {
			return State.REVOKED;
		}
		if (expiresAt != null && !now.isBefore(expiresAt)) {
			return State.EXPIRED;
		}
		if (downloadLimit != null && downloads >= downloadLimit) {
			return State.EXHAUSTED;
		}
		return State.ACTIVE;
	}

	public boolean passwordProtected() {
		return passwordHash != null;
	}

	@Override
	public String toString() {
		return "ShareLink[" + id + "]";
	}
}
