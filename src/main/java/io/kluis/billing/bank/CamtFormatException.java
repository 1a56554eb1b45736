package io.kluis.billing.bank;

/** The file is not a readable CAMT.053 statement at all (not XML, another message, broken XML at a line). */
public class CamtFormatException extends RuntimeException {

	private final long line;

	public CamtFormatException(String message, long line) {
		super(message + (line > 0 ? " (line " + line + ")" : ""));
		this.line = line;
	}

	/** The XML line where reading stopped, or 0 when unknown. */
	public long line() {
		return line;
	}
}
