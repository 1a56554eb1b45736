package io.kluis.shared.web;

/**
 * The caller sent something we refuse (400). The message is shown to the caller, so it names the
 * field and the rule, never the value (which may be personal data).
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
