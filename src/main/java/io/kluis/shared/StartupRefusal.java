package io.kluis.shared;

/**
 * Kluis refuses to start because of something the operator configured (or did not): the message is
 * one sentence that names the setting and says what to change. Start-up prints it as one line and
 * exits non-zero, without a stack trace (see {@code io.kluis.shared.startup}); it never carries
 * secrets or personal data.
 */
public class StartupRefusal extends IllegalStateException {

	public StartupRefusal(String message) {
		super(message);
	}
}
