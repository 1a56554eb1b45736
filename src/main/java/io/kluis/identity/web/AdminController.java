package io.kluis.identity.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.Role;
import io.kluis.identity.account.PasswordManagement;
import io.kluis.identity.account.ReadReason;
import io.kluis.identity.account.SecuritySettings;
import io.kluis.identity.account.StaffAdministration;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages for accounts. What each role may do is enforced on {@link StaffAdministration}
 * (method security), not here: the pages only hide what a role cannot use.
 */
@Controller
class AdminController {

	private static final int PAGE_SIZE = 50;

	private final StaffAdministration administration;

	private final PasswordManagement passwords;

	private final SecuritySettings settings;

	private final SubjectRestrictions restrictions;

	AdminController(StaffAdministration administration, PasswordManagement passwords, SecuritySettings settings,
			SubjectRestrictions restrictions) {
		this.restrictions = restrictions;
		this.administration = administration;
		this.passwords = passwords;
		this.settings = settings;
	}

	@GetMapping("/admin")
	String dashboard() {
		return "identity/admin/dashboard";
	}

	@GetMapping("/admin/customers")
	String customers(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		int safePage = Math.max(0, Math.min(page, 10_000));
		model.addAttribute("q", q);
		model.addAttribute("page", safePage);
		model.addAttribute("results", q.isBlank() ? administration.customers(safePage, PAGE_SIZE) : administration.find(q));
		return "identity/admin/customers";
	}

	@GetMapping("/admin/customers/{id}")
	String customer(@PathVariable UUID id, Model model) {
		var account = new AccountId(id);
		model.addAttribute("summary", administration.summary(account));
		model.addAttribute("reasons", ReadReason.values());
		model.addAttribute("restricted", restrictions.isRestricted(account));
		model.addAttribute("objected", restrictions.hasObjected(account));
		return "identity/admin/customer";
	}

	@PostMapping("/admin/customers/{id}/open")
	String open(@PathVariable UUID id, @RequestParam ReadReason reason, @RequestParam(defaultValue = "") String ticket,
			@AuthenticationPrincipal CurrentAccount staff, Model model) {
		model.addAttribute("opened", administration.open(new AccountId(id), staff.id(), reason, ticket.strip()));
		model.addAttribute("reason", reason);
		return "identity/admin/customer-data";
	}

	@PostMapping("/admin/customers/{id}/block")
	String block(@PathVariable UUID id, @RequestParam(defaultValue = "OTHER") String reason,
			@AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		String code = reason.matches("[A-Z_]{1,40}") ? reason : "OTHER";
		administration.block(new AccountId(id), staff.id(), code);
		redirect.addFlashAttribute("done", "blocked");
		return "redirect:/admin/customers/" + id;
	}

	@PostMapping("/admin/customers/{id}/unblock")
	String unblock(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		administration.unblock(new AccountId(id), staff.id());
		redirect.addFlashAttribute("done", "unblocked");
		return "redirect:/admin/customers/" + id;
	}

	@PostMapping("/admin/customers/{id}/unlock")
	String unlock(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		administration.summary(new AccountId(id));
		passwords.unlockByStaff(new AccountId(id), staff.id());
		redirect.addFlashAttribute("done", "unlocked");
		return "redirect:/admin/customers/" + id;
	}

	@PostMapping("/admin/customers/{id}/reset-mfa")
	String resetMfa(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean identityChecked,
			@AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		if (!identityChecked) {
			redirect.addFlashAttribute("done", "identity-check-required");
			return "redirect:/admin/customers/" + id;
		}
		administration.resetMfa(new AccountId(id), staff.id());
		redirect.addFlashAttribute("done", "mfa-reset");
		return "redirect:/admin/customers/" + id;
	}

	@GetMapping("/admin/settings")
	String settings(Model model) {
		model.addAttribute("mfa", settings.mfa());
		return "identity/admin/settings";
	}

	@PostMapping("/admin/settings")
	String changeSettings(@RequestParam(defaultValue = "false") boolean mfaRequiredForStaff,
			@RequestParam(defaultValue = "false") boolean mfaRequiredForCustomers,
			@AuthenticationPrincipal CurrentAccount admin, RedirectAttributes redirect) {
		settings.changeMfa(new SecuritySettings.Mfa(mfaRequiredForStaff, mfaRequiredForCustomers), admin.id());
		redirect.addFlashAttribute("saved", true);
		return "redirect:/admin/settings";
	}

	@GetMapping("/admin/staff")
	String staff(Model model) {
		model.addAttribute("staff", administration.staff());
		model.addAttribute("roles", List.of(Role.ADMIN, Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER));
		return "identity/admin/staff";
	}

	@PostMapping("/admin/staff")
	String createStaff(@RequestParam(defaultValue = "") String email, @RequestParam(required = false) List<Role> roles,
			@AuthenticationPrincipal CurrentAccount admin, Locale locale, RedirectAttributes redirect) {
		var staffRoles = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		staffRoles.removeIf(r -> r == Role.CUSTOMER || r == Role.STAFF);
		if (!EmailAddress.isValid(email) || staffRoles.isEmpty()) {
			redirect.addFlashAttribute("invalid", true);
			return "redirect:/admin/staff";
		}
		administration.createStaff(EmailAddress.of(email), staffRoles, RegistrationController.supported(locale), admin.id());
		// The new staff member sets their own password through the emailed link.
		passwords.requestReset(email);
		redirect.addFlashAttribute("created", true);
		return "redirect:/admin/staff";
	}
}
