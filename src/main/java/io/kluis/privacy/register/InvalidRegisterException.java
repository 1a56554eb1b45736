package io.kluis.privacy.register;

import io.kluis.shared.StartupRefusal;
import java.util.List;
import java.util.stream.Collectors;

/** The register cannot be used; Kluis refuses to start, listing every problem found. */
public class InvalidRegisterException extends StartupRefusal {

	private final List<RegisterProblem> problems;

	public InvalidRegisterException(String source, List<RegisterProblem> problems) {
		super("The processing register " + source + " is invalid (" + problems.size() + " problem"
				+ (problems.size() == 1 ? "" : "s") + "):\n"
				+ problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<RegisterProblem> problems() {
		return problems;
	}
}
