package io.kluis.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A syntactically plausible email address, trimmed, with a lower-cased canonical form for lookups.
 * {@link #toString()} masks the address so it can never leak into a log line by accident;
 * call {@link #value()} where the address itself is needed (sending mail, encryption).
 */
public final class EmailAddress {

	/** Deliberately simple: one @, no whitespace, a dot in the domain. Verification mail does the rest. */
	private static final Pattern SHAPE = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]{2,}");

	public static final int MAX_LENGTH = 254;

	private final String value;

	private EmailAddress(String value) {
		this.value = value;
	}

	/** @throws IllegalArgumentException with a message that does not repeat the input */
	public static EmailAddress of(String text) {
		Objects.requireNonNull(text, "text");
		String trimmed = text.strip();
		if (trimmed.length() > MAX_LENGTH || !SHAPE.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("not a valid email address");
		}
		return new EmailAddress(trimmed);
	}

	public static boolean isValid(String text) {
		String trimmed = text.strip();
		return trimmed.length() <= MAX_LENGTH && SHAPE.matcher(trimmed).matches();
	}

	public String value() {
		return value;
	}

	/** Case-insensitive form used for uniqueness and blind-index lookups. */
	public String canonical() {
		return value.toLowerCase(Locale.ROOT);
	}

	/** The part before the @, used by password rules that refuse passwords built from the address. */
	public String localPart() {
		return value.substring(0, value.lastIndexOf('@'));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmailAddress that && canonical().equals(that.canonical());
	}

	@Override
	public int hashCode() {
		return canonical().hashCode();
	}

	@Override
	public String toString() {
		return "EmailAddress[***]";
	}
}
