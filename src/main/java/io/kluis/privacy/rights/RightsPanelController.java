package io.kluis.privacy.rights;

import static io.kluis.privacy.rights.Reauthentication.caller;

import io.kluis.shared.web.NotFoundException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rights in the panel, each one step (RIG-1..6): a copy of your data (with re-authentication),
 * correction (the my-data page), restriction, objection, and closing the account (explained first,
 * then re-authentication and an explicit confirmation).
 */
@Controller
class RightsPanelController {

	private final ExportingPersonalData exports;

	private final SubjectStates states;

	private final ClosingAccounts closing;

	private final ErasureExplanation explanation;

	private final Reauthentication reauthentication;

	private final java.time.Clock clock;

	RightsPanelController(ExportingPersonalData exports, SubjectStates states, ClosingAccounts closing,
			ErasureExplanation explanation, Reauthentication reauthentication, java.time.Clock clock) {
		this.exports = exports;
		this.states = states;
		this.closing = closing;
		this.explanation = explanation;
		this.reauthentication = reauthentication;
		this.clock = clock;
	}

	@GetMapping("/panel/privacy")
	String rights(Authentication authentication, Model model) {
		var account = caller(authentication);
		model.addAttribute("exports", exports.of(account));
		model.addAttribute("state", states.of(account));
		model.addAttribute("now", clock.instant());
		model.addAttribute("zone", ErasureExplanation.ZONE);
		return "privacy/rights/rights";
	}

	@PostMapping("/panel/privacy/exports")
	String requestExport(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
			Authentication authentication, RedirectAttributes redirect) {
		var account = caller(authentication);
		if (!reauthentication.confirms(account, password, code)) {
			redirect.addFlashAttribute("reauthenticationFailed", true);
			return "redirect:/panel/privacy";
		}
		var export = exports.request(account, account);
		return "redirect:/panel/privacy/exports/" + export.id();
	}

	@GetMapping("/panel/privacy/exports/{id}")
	String export(@PathVariable UUID id, Authentication authentication, Model model) {
		var export = exports.find(caller(authentication), id).orElseThrow(() -> new NotFoundException("export"));
		model.addAttribute("export", export);
		model.addAttribute("downloadable", export.isDownloadable(clock.instant()));
		model.addAttribute("zone", ErasureExplanation.ZONE);
		return "privacy/rights/export";
	}

	@GetMapping("/panel/privacy/exports/{id}/download")
	ResponseEntity<InputStreamResource> download(@PathVariable UUID id, Authentication authentication)
			throws IOException {
		var download = exports.download(caller(authentication), id, "panel")
			.orElseThrow(() -> new NotFoundException("export"));
		return zip(download);
	}

	static ResponseEntity<InputStreamResource> zip(ExportingPersonalData.Download download) {
		var response = ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"kluis-export-"
					+ download.export().createdAt().atZone(ErasureExplanation.ZONE).toLocalDate() + ".zip\"")
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
		if (download.size() >= 0) {
			response.contentLength(download.size());
		}
		return response.body(new InputStreamResource(download.content()));
	}

	@PostMapping("/panel/privacy/restriction")
	String restrict(Authentication authentication, RedirectAttributes redirect) {
		var account = caller(authentication);
		states.restrict(account, account);
		redirect.addFlashAttribute("done", "restricted");
		return "redirect:/panel/privacy";
	}

	@PostMapping("/panel/privacy/restriction/lift")
	String liftRestriction(Authentication authentication, RedirectAttributes redirect) {
		var account = caller(authentication);
		states.liftRestriction(account, account);
		redirect.addFlashAttribute("done", "restriction-lifted");
		return "redirect:/panel/privacy";
	}

	@PostMapping("/panel/privacy/objection")
	String object(Authentication authentication, RedirectAttributes redirect) {
		var account = caller(authentication);
		states.object(account, account);
		redirect.addFlashAttribute("done", "objected");
		return "redirect:/panel/privacy";
	}

	@PostMapping("/panel/privacy/objection/withdraw")
	String withdrawObjection(Authentication authentication, RedirectAttributes redirect) {
		var account = caller(authentication);
		states.withdrawObjection(account, account);
		redirect.addFlashAttribute("done", "objection-withdrawn");
		return "redirect:/panel/privacy";
	}

	@GetMapping("/panel/privacy/close")
	@PreAuthorize("hasRole('CUSTOMER')")
	String explainClosure(Locale locale, Model model) {
		model.addAttribute("explanation", explanation.explain(locale, clock.instant()));
		return "privacy/rights/close";
	}

	@PostMapping("/panel/privacy/close")
	@PreAuthorize("hasRole('CUSTOMER')")
	String close(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication authentication, Locale locale,
			Model model, HttpServletRequest request) throws ServletException {
		var account = caller(authentication);
		if (!confirm || !reauthentication.confirms(account, password, code)) {
			model.addAttribute("explanation", explanation.explain(locale, clock.instant()));
			model.addAttribute(confirm ? "reauthenticationFailed" : "confirmationMissing", true);
			return "privacy/rights/close";
		}
		closing.close(account, account);
		request.logout();
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return "privacy/rights/closed";
	}
}
