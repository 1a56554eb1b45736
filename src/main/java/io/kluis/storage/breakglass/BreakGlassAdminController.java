package io.kluis.storage.breakglass;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.storage.content.UserContentHeaders;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/break-glass}: file, decide and revoke break-glass requests, and, under an active
 * grant, browse and download the space read-only. Administrators and the privacy officer only; who
 * may do what is enforced on {@link BreakGlass}. URLs carry ids only, never names.
 */
@Controller
@RequestMapping("/admin/break-glass")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class BreakGlassAdminController {

	private final BreakGlass breakGlass;

	private final BreakGlassContent content;

	private final FileTree tree;

	private final Downloads downloads;

	BreakGlassAdminController(BreakGlass breakGlass, BreakGlassContent content, FileTree tree,
			Downloads downloads) {
		this.downloads = downloads;
		this.breakGlass = breakGlass;
		this.content = content;
		this.tree = tree;
	}

	@GetMapping
	String overview(@AuthenticationPrincipal CurrentAccount staff, Model model) {
		model.addAttribute("requests", breakGlass.overview(staff.id()));
		return "storage/break-glass/overview";
	}

	@GetMapping("/new")
	String form(@RequestParam UUID customer, Model model) {
		model.addAttribute("customer", customer);
		model.addAttribute("spaces", breakGlass.spacesOf(new AccountId(customer)));
		model.addAttribute("maxHours", BreakGlassRules.MAX_DURATION.toHours());
		model.addAttribute("minReason", BreakGlassRules.MIN_REASON);
		model.addAttribute("maxReason", BreakGlassRules.MAX_REASON);
		return "storage/break-glass/new";
	}

	@PostMapping
	String file(@RequestParam UUID customer, @RequestParam(defaultValue = "") String space,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "0") int hours,
			@AuthenticationPrincipal CurrentAccount staff, Model model, HttpServletResponse response) {
		try {
			var request = breakGlass.file(new AccountId(customer), space, reason, hours, staff.id());
			return "redirect:/admin/break-glass/" + request.id();
		}
		catch (InvalidInputException e) {
			response.setStatus(400);
			model.addAttribute("problem", e.getMessage());
			model.addAttribute("reason", reason);
			return form(customer, model);
		}
	}

	@GetMapping("/{id}")
	String request(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, Model model) {
		model.addAttribute("view", breakGlass.view(id, staff.id()));
		return "storage/break-glass/request";
	}

	@PostMapping("/{id}/approve")
	String approve(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		breakGlass.approve(id, staff.id());
		redirect.addFlashAttribute("done", "approved");
		return "redirect:/admin/break-glass/" + id;
	}

	@PostMapping("/{id}/decline")
	String decline(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		breakGlass.decline(id, staff.id());
		redirect.addFlashAttribute("done", "declined");
		return "redirect:/admin/break-glass/" + id;
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount staff, RedirectAttributes redirect) {
		breakGlass.revoke(id, staff.id());
		redirect.addFlashAttribute("done", "revoked");
		return "redirect:/admin/break-glass/" + id;
	}

	@GetMapping("/{id}/files")
	String files(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID folder,
			@AuthenticationPrincipal CurrentAccount staff, Model model) {
		model.addAttribute("listing", content.list(id, folder, staff.id()));
		return "storage/break-glass/files";
	}

	/** The file, read-only, as an attachment that cannot run script (the same headers as WebDAV GET). */
	@GetMapping("/{id}/files/{file}")
	void download(@PathVariable UUID id, @PathVariable UUID file, @AuthenticationPrincipal CurrentAccount staff,
			HttpServletResponse response) throws IOException {
		Node node = content.open(id, file, staff.id());
		UserContentHeaders.apply(response, node.name(), "application/octet-stream");
		response.setContentLengthLong(node.size());
		downloads.send(response, tree.open(node, 0, node.size()), node.size());
	}
}
