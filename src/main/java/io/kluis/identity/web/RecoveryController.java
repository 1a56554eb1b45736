package io.kluis.identity.web;

import io.kluis.identity.account.PasswordManagement;
import io.kluis.identity.account.ResetRequests;
import io.kluis.identity.account.RegistrationRefused;
import io.kluis.shared.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Forgot password, reset by link, and lifting a lock by link. Every answer to "forgot password" is
 * the same, whether or not the address has an account (enumeration resistance).
 */
@Controller
class RecoveryController {

	private final PasswordManagement passwords;

	private final ResetRequests resetRequests;

	RecoveryController(PasswordManagement passwords, ResetRequests resetRequests) {
		this.passwords = passwords;
		this.resetRequests = resetRequests;
	}

	@GetMapping("/login/forgot")
	String forgotForm() {
		return "identity/forgot";
	}

	@PostMapping("/login/forgot")
	String forgot(@RequestParam(defaultValue = "") String email, Model model) {
		resetRequests.submit(email);
		model.addAttribute("sent", true);
		return "identity/forgot";
	}

	@GetMapping("/login/reset")
	String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("valid", passwords.isResetLinkValid(token));
		return "identity/reset";
	}

	@PostMapping("/login/reset")
	String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirmation, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("valid", true);
		if (!password.equals(confirmation)) {
			model.addAttribute("errors", java.util.List.of("error.password.mismatch"));
			return "identity/reset";
		}
		try {
			passwords.completeReset(token, password);
			return "redirect:/login?reset";
		}
		catch (RegistrationRefused refused) {
			model.addAttribute("errors", refused.violations().stream().map(v -> "error." + v.code()).toList());
			model.addAttribute("errorArgs", refused.violations().stream().map(v -> v.arguments().values().toArray()).toList());
			return "identity/reset";
		}
		catch (NotFoundException e) {
			model.addAttribute("valid", false);
			return "identity/reset";
		}
	}

	@GetMapping("/unlock")
	String unlockForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "identity/unlock";
	}

	@PostMapping("/unlock")
	String unlock(@RequestParam(defaultValue = "") String token, Model model) {
		if (passwords.unlock(token)) {
			return "redirect:/login?unlocked";
		}
		model.addAttribute("token", "");
		model.addAttribute("failed", true);
		return "identity/unlock";
	}
}
