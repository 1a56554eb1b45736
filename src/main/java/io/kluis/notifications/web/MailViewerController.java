package io.kluis.notifications.web;

import io.kluis.notifications.MailId;
import io.kluis.notifications.internal.MailViewer;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The local mail viewer: what an installation without SMTP "sent". Administrators only. The HTML
 * body is shown in a sandboxed frame (no scripts, no forms, no same-origin access) and as escaped
 * source; it is never inserted into this page.
 */
@Controller
@RequestMapping("/admin/mail")
@PreAuthorize("hasRole('ADMIN')")
class MailViewerController {

	private final MailViewer viewer;

	MailViewerController(MailViewer viewer) {
		this.viewer = viewer;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("inUse", viewer.inUse());
		model.addAttribute("mails", viewer.latest());
		return "notifications/mailbox";
	}

	@GetMapping("/{id}")
	String show(@PathVariable UUID id, Model model) {
		var mail = viewer.find(new MailId(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("inUse", viewer.inUse());
		model.addAttribute("mail", mail);
		return "notifications/mail";
	}
}
