package io.kluis.privacy.register;

/** One thing wrong with the register, located precisely ({@code purposes[newsletter].legalBasis}). */
public record RegisterProblem(String location, String problem) {

	@Override
	public String toString() {
		return location + ": " + problem;
	}
}
