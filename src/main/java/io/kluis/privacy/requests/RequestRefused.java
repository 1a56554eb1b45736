package io.kluis.privacy.requests;

/**
 * A staff action or an upload that the rules do not allow right now (an extension after the first
 * month, an ID copy nobody asked for, acting on a closed request). {@link #code()} is a stable code
 * and the message key {@code requests.refused.<code>} that explains it; never personal data.
 */
public class RequestRefused extends RuntimeException {

	private final String code;

	public RequestRefused(String code) {
		super("request action refused: " + code);
		this.code = code;
	}

	public String code() {
		return code;
	}
}
