package io.kluis.privacy.rights;

import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One access/portability export (RIG-1, RIG-5): built asynchronously, downloadable for
 * {@link #VALIDITY} after it is ready, then deleted.
 */
record Export(UUID id, AccountId account, Status status, Instant createdAt, @Nullable Instant readyAt,
		@Nullable Instant expiresAt, @Nullable Long size, @Nullable Sealed fileKey) {

	/** How long a ready export can be downloaded (the mailed link says so). */
	static final Duration VALIDITY = Duration.ofDays(7);

	enum Status {
		BUILDING, READY, FAILED
	}

	static Export requested(AccountId account, Instant now) {
		return new Export(UUID.randomUUID(), account, Status.BUILDING, now, null, null, null, null);
	}

	Export markReady(Instant now, long size, Sealed fileKey) {
		if (status != Status.BUILDING) {
			throw new IllegalStateException("export " + id + " is " + status + ", not building");
		}
		return new Export(id, account, Status.READY, createdAt, now, now.plus(VALIDITY), size, fileKey);
	}

	boolean isDownloadable(Instant now) {
		return status == Status.READY && expiresAt != null && now.isBefore(expiresAt);
	}

	boolean belongsTo(AccountId who) {
		return account.equals(who);
	}

	@Override
	public String toString() {
		return "Export[" + id + ", " + status + "]";
	}
}
