package io.kluis.privacy.web;

import io.kluis.privacy.policy.PolicyAcknowledgements;
import io.kluis.shared.AccountId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The banner's "I have read it" button: records account, version and time (POL-2). */
@Controller
class PolicyAcknowledgementController {

	private final PolicyAcknowledgements acknowledgements;

	PolicyAcknowledgementController(PolicyAcknowledgements acknowledgements) {
		this.acknowledgements = acknowledgements;
	}

	@PostMapping("/panel/policy/acknowledge")
	String acknowledge(Authentication authentication, RedirectAttributes redirect) {
		AccountId account = PolicyNoticeAdvice.customer(authentication);
		if (account == null) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only customers acknowledge policy changes");
		}
		acknowledgements.acknowledge(account);
		redirect.addFlashAttribute("policyAcknowledged", true);
		return "redirect:/panel";
	}
}
