package io.kluis.privacy;

/**
 * The published versions of the privacy statement (POL-1), for whoever records which version a
 * person accepted or consented under: registration (ACC-1) and the consent ledger (CON-1, CON-2).
 * A version is named by the number the statement itself cites in its last-modified line, so a
 * stored value such as {@code 3} can always be looked up at {@code /privacy/versions/3}.
 */
public interface PolicyVersions {

	/**
	 * The number, as text, of the version this node shows at {@code /privacy} (published at start-up
	 * when the register changed).
	 */
	String current();
}
