package io.kluis.identity.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.identity.account.AccountSessions;
import io.kluis.identity.account.AppPasswordScope;
import io.kluis.identity.account.AppPasswords;
import io.kluis.identity.account.MultiFactor;
import io.kluis.identity.account.PasswordManagement;
import io.kluis.identity.account.PersonalDataManagement;
import io.kluis.identity.account.RegistrationRefused;
import io.kluis.identity.SessionRevoked;
import io.kluis.identity.security.Authentications;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security page: password, second factor (TOTP and recovery codes), app passwords, and the
 * account's active sessions with remote logout.
 */
@Controller
class SecurityController {

	private final PersonalDataManagement accounts;

	private final PasswordManagement passwords;

	private final MultiFactor multiFactor;

	private final AppPasswords appPasswords;

	private final AccountSessions sessions;

	private final SecurityContextRepository contexts;

	private final ApplicationEventPublisher events;

	SecurityController(PersonalDataManagement accounts, PasswordManagement passwords, MultiFactor multiFactor,
			AppPasswords appPasswords, AccountSessions sessions, SecurityContextRepository contexts,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.multiFactor = multiFactor;
		this.appPasswords = appPasswords;
		this.sessions = sessions;
		this.contexts = contexts;
		this.events = events;
	}

	@GetMapping("/panel/security")
	String show(@AuthenticationPrincipal CurrentAccount current, HttpSession session, Model model) {
		var account = accounts.view(current.id());
		model.addAttribute("account", account);
		model.addAttribute("recoveryCodesLeft", account.hasMfa() ? multiFactor.remainingRecoveryCodes(current.id()) : 0);
		model.addAttribute("appPasswords", appPasswords.list(current.id()));
		model.addAttribute("sessions", sessions.list(current.id(), session.getId()));
		return "identity/security";
	}

	@PostMapping("/panel/security/password")
	String changePassword(@AuthenticationPrincipal CurrentAccount current, @RequestParam String currentPassword,
			@RequestParam String newPassword, HttpSession session, RedirectAttributes redirect) {
		try {
			boolean changed = passwords.change(current.id(), currentPassword, newPassword, session.getId());
			redirect.addFlashAttribute(changed ? "passwordChanged" : "passwordWrong", true);
		}
		catch (RegistrationRefused refused) {
			redirect.addFlashAttribute("passwordErrors", refused.violations().stream().map(v -> "error." + v.code()).toList());
		}
		return "redirect:/panel/security";
	}

	@GetMapping("/panel/security/totp")
	String beginTotp(@AuthenticationPrincipal CurrentAccount current, @RequestParam(required = false) String required,
			Model model) {
		if (accounts.view(current.id()).hasMfa()) {
			return "redirect:/panel/security";
		}
		model.addAttribute("enrollment", multiFactor.beginTotp(current.id()));
		model.addAttribute("required", required != null);
		return "identity/totp-setup";
	}

	@PostMapping("/panel/security/totp")
	String confirmTotp(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		var codes = multiFactor.confirmTotp(current.id(), code);
		if (codes.isEmpty()) {
			model.addAttribute("enrollment", multiFactor.beginTotp(current.id()));
			model.addAttribute("failed", true);
			return "identity/totp-setup";
		}
		refreshPrincipal(current.withMfa(true), request, response);
		// The nudge was decided before this request turned MFA on: the page saying "it is on" must not show it.
		model.addAttribute("mfaNudge", false);
		model.addAttribute("codes", codes.get());
		return "identity/recovery-codes";
	}

	@PostMapping("/panel/security/totp/disable")
	String disableTotp(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		// Re-authentication: removing a factor needs the password, so a hijacked session alone cannot.
		if (!passwords.verify(current.id(), password)) {
			redirect.addFlashAttribute("passwordWrong", true);
			return "redirect:/panel/security";
		}
		multiFactor.disable(current.id(), current.id());
		refreshPrincipal(current.withMfa(false), request, response);
		redirect.addFlashAttribute("mfaDisabled", true);
		return "redirect:/panel/security";
	}

	@PostMapping("/panel/security/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal CurrentAccount current, Model model) {
		if (!accounts.view(current.id()).hasMfa()) {
			return "redirect:/panel/security";
		}
		model.addAttribute("codes", multiFactor.replaceRecoveryCodes(current.id()));
		return "identity/recovery-codes";
	}

	@PostMapping("/panel/security/app-passwords")
	String createAppPassword(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable List<String> scopes, Model model, RedirectAttributes redirect) {
		Set<AppPasswordScope> granted;
		try {
			granted = AppPasswordScope.of(scopes == null ? List.of() : scopes);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("appPasswordScopesInvalid", true);
			return "redirect:/panel/security";
		}
		try {
			model.addAttribute("created", appPasswords.create(current.id(), name, granted));
			return "identity/app-password-created";
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("appPasswordNameInvalid", true);
			return "redirect:/panel/security";
		}
	}

	@PostMapping("/panel/security/app-passwords/{id}/revoke")
	String revokeAppPassword(@AuthenticationPrincipal CurrentAccount current, @PathVariable UUID id,
			RedirectAttributes redirect) {
		appPasswords.revoke(current.id(), id, current.id());
		redirect.addFlashAttribute("appPasswordRevoked", true);
		return "redirect:/panel/security";
	}

	@PostMapping("/panel/security/sessions/{handle}/end")
	String endSession(@AuthenticationPrincipal CurrentAccount current, @PathVariable String handle,
			RedirectAttributes redirect) {
		if (!sessions.endByHandle(current.id(), handle)) {
			throw new NotFoundException("session");
		}
		events.publishEvent(new SessionRevoked(current.id(), current.id()));
		redirect.addFlashAttribute("sessionEnded", true);
		return "redirect:/panel/security";
	}

	private void refreshPrincipal(CurrentAccount updated, HttpServletRequest request, HttpServletResponse response) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authentications.full(updated));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}
}
