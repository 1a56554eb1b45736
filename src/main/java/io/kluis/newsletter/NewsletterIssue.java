package io.kluis.newsletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A newsletter an administrator sent: what and when, and how many it reached and skipped — never to
 * whom (the outbox holds the mails themselves, under each recipient's key, for its own retention).
 */
public record NewsletterIssue(UUID id, Instant sentAt, UUID sentBy, String subjectNl, String subjectEn, int recipients,
		int skipped) {
}
