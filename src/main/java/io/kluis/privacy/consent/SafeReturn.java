package io.kluis.privacy.consent;

import org.jspecify.annotations.Nullable;

/** A same-site path to go back to after a form, never an open redirect. */
final class SafeReturn {

	private SafeReturn() {
	}

	static String path(@Nullable String candidate) {
		if (candidate == null || candidate.length() > 200 || !candidate.startsWith("/") || candidate.startsWith("//")
				|| candidate.contains("\\") || candidate.contains("?") || candidate.contains("#")
				|| candidate.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
			return "/";
		}
		return candidate;
	}
}
