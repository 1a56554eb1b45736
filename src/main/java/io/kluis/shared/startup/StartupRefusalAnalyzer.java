package io.kluis.shared.startup;

import io.kluis.shared.StartupRefusal;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartupRefusal} as what it is: the setting to change, without stack frames. */
public final class StartupRefusalAnalyzer extends AbstractFailureAnalyzer<StartupRefusal> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusal cause) {
		return new FailureAnalysis("Kluis refused to start: " + cause.getMessage(),
				"Change the configuration as the line above says, then start Kluis again.", cause);
	}
}
