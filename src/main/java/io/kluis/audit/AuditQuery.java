package io.kluis.audit;

import io.kluis.shared.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A page of the audit trail, newest first. Every criterion is optional; they combine with AND.
 *
 * @param subject only entries about this account
 * @param actor only entries caused by this account
 * @param codePrefix only entries whose code starts with this (e.g. {@code identity.login.})
 * @param from only entries that occurred at or after this instant
 * @param until only entries that occurred before this instant
 * @param page zero-based page number
 * @param size entries per page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(@Nullable AccountId subject, @Nullable AccountId actor, @Nullable String codePrefix,
		@Nullable Instant from, @Nullable Instant until, int page, int size) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	public AuditQuery {
		if (page < 0) {
			throw new IllegalArgumentException("page must not be negative");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
		}
		if (codePrefix != null && codePrefix.isBlank()) {
			codePrefix = null;
		}
	}

	/** The newest entries, whatever they are about. */
	public static AuditQuery latest() {
		return new AuditQuery(null, null, null, null, null, 0, DEFAULT_SIZE);
	}

	public AuditQuery aboutSubject(@Nullable AccountId subject) {
		return new AuditQuery(subject, actor, codePrefix, from, until, page, size);
	}

	public AuditQuery causedBy(@Nullable AccountId actor) {
		return new AuditQuery(subject, actor, codePrefix, from, until, page, size);
	}

	public AuditQuery withCodePrefix(@Nullable String codePrefix) {
		return new AuditQuery(subject, actor, codePrefix, from, until, page, size);
	}

	public AuditQuery between(@Nullable Instant from, @Nullable Instant until) {
		return new AuditQuery(subject, actor, codePrefix, from, until, page, size);
	}

	public AuditQuery page(int page, int size) {
		return new AuditQuery(subject, actor, codePrefix, from, until, page, size);
	}
}
