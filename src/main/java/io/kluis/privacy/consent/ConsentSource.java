package io.kluis.privacy.consent;

/** Where a consent or withdrawal came from, as stored in the proof record. */
enum ConsentSource {

	WEB_FORM("web-form"), PANEL("panel"), API("api"), CONFIRMATION_LINK("confirmation-link"),
	UNSUBSCRIBE_LINK("unsubscribe-link"), COOKIE_BANNER("cookie-banner"), COOKIE_SETTINGS("cookie-settings"),
	ERASURE("erasure");

	private final String code;

	ConsentSource(String code) {
		this.code = code;
	}

	String code() {
		return code;
	}

	static ConsentSource ofCode(String code) {
		for (ConsentSource source : values()) {
			if (source.code.equals(code)) {
				return source;
			}
		}
		throw new IllegalArgumentException("unknown consent source " + code);
	}
}
