package io.kluis.privacy.policy;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * One published version of the processing register (POL-1): the register as it was, when it was
 * published, and whether customers had to be told (POL-2).
 *
 * @param number 1, 2, 3… in publication order; the policy cites it
 * @param content the canonical JSON of the register (see {@link CanonicalRegister})
 * @param announcedAt when every active customer had been mailed about this significant version
 */
public record RegisterVersion(int number, Instant publishedAt, boolean significant, String hash, String content,
		Text changes, @Nullable Instant announcedAt) {

	/** The policy is a Dutch document: its dates are Dutch dates. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	public LocalDate publishedOn() {
		return publishedAt.atZone(ZONE).toLocalDate();
	}

	/** For display: the publication time on the Dutch clock. */
	public LocalDateTime publishedLocal() {
		return LocalDateTime.ofInstant(publishedAt, ZONE);
	}

	public @Nullable LocalDateTime announcedLocal() {
		return announcedAt == null ? null : LocalDateTime.ofInstant(announcedAt, ZONE);
	}

	public ProcessingRegister register() {
		return CanonicalRegister.parse(content);
	}

	@Override
	public String toString() {
		return "RegisterVersion[" + number + ", " + hash.substring(0, 12) + ", significant=" + significant + "]";
	}
}
