package io.kluis.privacy.rights;

import static io.kluis.privacy.rights.Reauthentication.caller;

import io.kluis.privacy.spi.AccountDirectory;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.NotFoundException;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff set or lift a subject's restriction and objection (RIG-4, RIG-6), e.g. on a request by mail
 * or after the accuracy of data was checked. Every change is audited with the staff member as actor
 * ({@link SubjectStateChanged}). Shows states only, no personal data.
 */
@Controller
@RequestMapping("/admin/privacy/subjects/{accountId}")
@PreAuthorize("hasAnyRole('ADMIN', 'PRIVACY_OFFICER')")
class RightsAdminController {

	private final SubjectStates states;

	private final AccountDirectory directory;

	RightsAdminController(SubjectStates states, AccountDirectory directory) {
		this.states = states;
		this.directory = directory;
	}

	/** Staff act on existing accounts only; an unknown id is a 404, not a new state row. */
	private AccountId existing(UUID id) {
		var account = new AccountId(id);
		if (directory.contact(account).isEmpty()) {
			throw new NotFoundException("account");
		}
		return account;
	}

	@GetMapping
	String subject(@PathVariable UUID accountId, Model model) {
		var account = existing(accountId);
		model.addAttribute("accountId", accountId);
		model.addAttribute("state", states.of(account));
		return "privacy/rights/admin-subject";
	}

	@PostMapping
	String change(@PathVariable UUID accountId, @RequestParam String action, Authentication authentication,
			RedirectAttributes redirect) {
		var account = existing(accountId);
		var staff = caller(authentication);
		switch (action) {
			case "restrict":
				states.restrict(account, staff);
				break;
			case "lift-restriction":
				states.liftRestriction(account, staff);
				break;
			case "object":
				states.object(account, staff);
				break;
			case "withdraw-objection":
				states.withdrawObjection(account, staff);
				break;
			default:
				throw new io.kluis.shared.web.InvalidInputException("action", "unknown action");
		}
		redirect.addFlashAttribute("done", action);
		return "redirect:/admin/privacy/subjects/" + accountId;
	}
}
