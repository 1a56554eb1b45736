package io.kluis.privacy;

/** Where a consent or withdrawal came from, as stored in the proof record. */
public enum ConsentSource {

	WEB_FORM("web-form"), PANEL("panel"), API("api"), CONFIRMATION_LINK("confirmation-link"),
	UNSUBSCRIBE_LINK("unsubscribe-link"), COOKIE_BANNER("cookie-banner"), COOKIE_SETTINGS("cookie-settings"),
	ERASURE("erasure");

	private final String code;

	ConsentSource(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static ConsentSource ofCode(String code) {
		for (ConsentSource source : values()) {
			if (source.code.equals(code)) {
				return source;
			}
		}
		throw new IllegalArgumentException("unknown consent source " + code);
	}
}
