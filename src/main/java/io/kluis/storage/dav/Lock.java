package io.kluis.storage.dav;

import io.kluis.shared.AccountId;
import io.kluis.storage.files.FilePath;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A WebDAV write lock on a path of a space (RFC 4918 §6). {@link #toString()} leaves out the path
 * and the owner text, which may name files or people.
 *
 * @param infinite depth infinity: the lock also covers everything below the path
 * @param ownerXml the client's {@code DAV:owner} element contents, as given
 */
record Lock(String token, UUID space, FilePath path, boolean infinite, boolean exclusive, @Nullable String ownerXml,
		AccountId account, long timeoutSeconds, Instant expiresAt) {

	/** Whether the lock applies to the resource at {@code resource}. */
	boolean covers(FilePath resource) {
		return path.equals(resource) || (infinite && path.contains(resource));
	}

	/** Whether this lock and a new one at {@code other} would apply to a common resource. */
	boolean overlaps(FilePath other, boolean otherInfinite) {
		return covers(other) || other.equals(path) || (otherInfinite && other.contains(path));
	}

	@Override
	public String toString() {
		return "Lock[space=" + space + ", exclusive=" + exclusive + ", infinite=" + infinite + "]";
	}
}
