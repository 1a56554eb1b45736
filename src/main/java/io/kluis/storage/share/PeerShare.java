package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A file or folder an owner shared with another customer (STO-2). For a vault share the server
 * holds an encrypted manifest and its key wrapped for the recipient's public key, never the key
 * itself (those bytes are not even loaded here). {@link #toString()} shows the id only.
 */
public record PeerShare(UUID id, AccountId owner, AccountId recipient, UUID space, UUID node, boolean folder,
		boolean encrypted, Instant createdAt, @Nullable Instant revokedAt) {

	public boolean active() {
		return revokedAt == null;
	}

	@Override
	public String toString() {
		return "PeerShare[" + id + "]";
	}
}
