package io.kluis.privacy.register;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A text of the register in Dutch and English. The register is the provider's own words, so both
 * languages are required wherever a text is shown to the public.
 */
public record Text(@Nullable String nl, @Nullable String en) {

	public static final Text EMPTY = new Text(null, null);

	/** The text in the reader's language, falling back to the other one. */
	public String in(Locale locale) {
		String preferred = "en".equals(locale.getLanguage()) ? en : nl;
		String other = "en".equals(locale.getLanguage()) ? nl : en;
		return preferred != null ? preferred : other != null ? other : "";
	}

	public boolean complete() {
		return nl != null && !nl.isBlank() && en != null && !en.isBlank();
	}

	public boolean isEmpty() {
		return (nl == null || nl.isBlank()) && (en == null || en.isBlank());
	}

	Map<String, String> asMap() {
		return Map.of("nl", nl == null ? "" : nl, "en", en == null ? "" : en);
	}
}
