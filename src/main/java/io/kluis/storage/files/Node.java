package io.kluis.storage.files;

import io.kluis.shared.AccountId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A file or folder in a space. {@link #toString()} leaves the name out: names may be personal, and
 * in a vault they are ciphertext nobody needs in a log.
 *
 * @param owner the customer whose space it is, whose data key seals its name and contents
 * @param blob the contents of a file (shared by copies); {@code null} for a folder
 * @param etag changes whenever the contents change
 */
public record Node(UUID id, UUID space, AccountId owner, @Nullable UUID parent, String name, boolean collection, long size,
		@Nullable String blob, @Nullable String contentType, String etag, Instant createdAt, Instant modifiedAt) {

	@Override
	public String toString() {
		return "Node[id=" + id + ", collection=" + collection + ", size=" + size + "]";
	}
}
