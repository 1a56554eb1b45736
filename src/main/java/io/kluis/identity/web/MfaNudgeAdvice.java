package io.kluis.identity.web;

import io.kluis.identity.security.Authentications;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Shows the "set up a second factor" banner on every page to logged-in users without one (ACC-3). */
@ControllerAdvice
class MfaNudgeAdvice {

	@ModelAttribute("mfaNudge")
	boolean mfaNudge() {
		return Authentications.current().map(account -> !account.mfa()).orElse(false);
	}
}
