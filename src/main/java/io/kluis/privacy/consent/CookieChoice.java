package io.kluis.privacy.consent;

import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A visitor's cookie choice as stored in the technical cookie {@code kluis_consent}:
 * {@code 1.<consent id>.<granted>}, where granted is a subset of {@code f} (functional), {@code a}
 * (analytical) and {@code c} (commercial), or {@code -} for none. The consent id is random and links
 * the cookie to its proof records in the ledger; it identifies no one. consent.js reads the same format.
 */
record CookieChoice(UUID consentId, Set<CookieCategory> granted) {

	static final String COOKIE = "kluis_consent";

	private static final Pattern FORMAT = Pattern.compile("1\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(-|f?a?c?)");

	CookieChoice {
		granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
		if (granted.contains(CookieCategory.TECHNICAL)) {
			granted = granted.stream().filter(c -> c != CookieCategory.TECHNICAL).collect(Collectors.toUnmodifiableSet());
		}
	}

	static Optional<CookieChoice> parse(String value) {
		Matcher m = FORMAT.matcher(value);
		if (!m.matches() || m.group(2).isEmpty()) {
			return Optional.empty();
		}
		Set<CookieCategory> granted = EnumSet.noneOf(CookieCategory.class);
		String flags = m.group(2);
		if (flags.contains("f")) {
			granted.add(CookieCategory.FUNCTIONAL);
		}
		if (flags.contains("a")) {
			granted.add(CookieCategory.ANALYTICAL);
		}
		if (flags.contains("c")) {
			granted.add(CookieCategory.COMMERCIAL);
		}
		return Optional.of(new CookieChoice(UUID.fromString(m.group(1)), granted));
	}

	String value() {
		String flags = (granted.contains(CookieCategory.FUNCTIONAL) ? "f" : "")
				+ (granted.contains(CookieCategory.ANALYTICAL) ? "a" : "")
				+ (granted.contains(CookieCategory.COMMERCIAL) ? "c" : "");
		return "1." + consentId + "." + (flags.isEmpty() ? "-" : flags);
	}

	boolean allows(CookieCategory category) {
		return category == CookieCategory.TECHNICAL || granted.contains(category);
	}

	/** The granted categories as stored in the proof record, e.g. {@code analytical,commercial}; empty for none. */
	String describe() {
		return EnumSet.copyOf(granted.isEmpty() ? EnumSet.noneOf(CookieCategory.class) : granted)
			.stream()
			.map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
			.collect(Collectors.joining(","));
	}
}
