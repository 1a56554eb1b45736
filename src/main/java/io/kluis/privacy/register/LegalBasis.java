package io.kluis.privacy.register;

/** The six legal bases of AVG/GDPR article 6(1). */
public enum LegalBasis {
	/** (a) consent of the data subject. */
	CONSENT("a"),
	/** (b) performance of a contract with the data subject, or steps before entering into it. */
	CONTRACT("b"),
	/** (c) a legal obligation of the controller. */
	LEGAL_OBLIGATION("c"),
	/** (d) vital interests of a person. */
	VITAL_INTERESTS("d"),
	/** (e) a task in the public interest or official authority. */
	PUBLIC_TASK("e"),
	/** (f) legitimate interests of the controller or a third party, which must be spelled out. */
	LEGITIMATE_INTEREST("f");

	private final String letter;

	LegalBasis(String letter) {
		this.letter = letter;
	}

	/** "6(1)(b)" style reference. */
	public String article() {
		return "6(1)(" + letter + ")";
	}

	public String letter() {
		return letter;
	}
}
