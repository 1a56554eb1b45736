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
 * {@code 2.<consent id>.<granted>.<policy version>}, where granted is a subset of {@code f}
 * (functional), {@code a} (analytical) and {@code c} (commercial), or {@code -} for none, and the
 * policy version is the number of the newest published privacy statement when the choice was made
 * ({@link CookieBanner} asks again after a significant change). The consent id is random and links
 * the cookie to its proof records in the ledger; it identifies no one. consent.js reads the same
 * format. Cookies of the first format, {@code 1.<consent id>.<granted>}, still count, as choices
 * made under version 0.
 */
record CookieChoice(UUID consentId, Set<CookieCategory> granted, int policyVersion) {

	static final String COOKIE = "kluis_consent";

	private static final Pattern FORMAT = Pattern.compile(
			"(?:1\\.(?<id1>" + uuid() + ")\\.(?<flags1>-|f?a?c?)|2\\.(?<id2>" + uuid() + ")\\.(?<flags2>-|f?a?c?)\\.(?<version>[0-9]{1,9}))");

	CookieChoice {
		granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
		if (granted.contains(CookieCategory.TECHNICAL)) {
			granted = granted.stream().filter(c -> c != CookieCategory.TECHNICAL).collect(Collectors.toUnmodifiableSet());
		}
		if (policyVersion < 0) {
			throw new IllegalArgumentException("a policy version is never negative");
		}
	}

	static Optional<CookieChoice> parse(String value) {
		Matcher m = FORMAT.matcher(value);
		if (!m.matches()) {
			return Optional.empty();
		}
		boolean first = m.group("id1") != null;
		String flags = first ? m.group("flags1") : m.group("flags2");
		if (flags.isEmpty()) {
			return Optional.empty();
		}
		Set<CookieCategory> granted = EnumSet.noneOf(CookieCategory.class);
		if (flags.contains("f")) {
			granted.add(CookieCategory.FUNCTIONAL);
		}
		if (flags.contains("a")) {
			granted.add(CookieCategory.ANALYTICAL);
		}
		if (flags.contains("c")) {
			granted.add(CookieCategory.COMMERCIAL);
		}
		return Optional.of(new CookieChoice(UUID.fromString(first ? m.group("id1") : m.group("id2")), granted,
				first ? 0 : Integer.parseInt(m.group("version"))));
	}

	String value() {
		String flags = (granted.contains(CookieCategory.FUNCTIONAL) ? "f" : "")
				+ (granted.contains(CookieCategory.ANALYTICAL) ? "a" : "")
				+ (granted.contains(CookieCategory.COMMERCIAL) ? "c" : "");
		return "2." + consentId + "." + (flags.isEmpty() ? "-" : flags) + "." + policyVersion;
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

	private static String uuid() {
		return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
	}
}
