package io.kluis.privacy.requests.web;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.requests.DataSubjectRequests;
import io.kluis.privacy.requests.IdCopies;
import io.kluis.privacy.requests.RequestHandling;
import io.kluis.privacy.requests.RequestId;
import io.kluis.privacy.requests.RequestRefused;
import io.kluis.privacy.requests.RequestsProperties;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * {@code /admin/privacy/requests}: the privacy officer's queue (overdue first, then by due date) and
 * a request's detail page with its timeline and the actions. Only administrators and the privacy
 * officer; the staff member's account id comes from the security context. A refused action (an
 * extension after the first month, say) comes back to the detail page with the rule that refused it.
 */
@Controller
@RequestMapping("/admin/privacy/requests")
@PreAuthorize("hasAnyRole('ADMIN','PRIVACY_OFFICER')")
class RequestQueueController {

	static final int QUEUE_SIZE = 500;

	private final DataSubjectRequests requests;

	private final RequestHandling handling;

	private final IdCopies idCopies;

	private final ProcessingRegister register;

	private final RequestsProperties properties;

	private final Clock clock;

	RequestQueueController(DataSubjectRequests requests, RequestHandling handling, IdCopies idCopies,
			ProcessingRegister register, RequestsProperties properties, Clock clock) {
		this.requests = requests;
		this.handling = handling;
		this.idCopies = idCopies;
		this.register = register;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	String queue(Model model) {
		var now = clock.instant();
		model.addAttribute("requests", requests.queue(now, QUEUE_SIZE));
		model.addAttribute("now", now);
		model.addAttribute("zone", properties.zone());
		return "privacy/requests/request-queue";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable String id, Authentication authentication, Model model) {
		var details = handling.read(requestId(id), staff(authentication));
		model.addAttribute("details", details);
		model.addAttribute("request", details.request());
		model.addAttribute("now", clock.instant());
		model.addAttribute("zone", properties.zone());
		model.addAttribute("privacyContact", register.provider().privacyContact());
		return "privacy/requests/request-detail";
	}

	@PostMapping("/{id}/answer")
	String answer(@PathVariable String id, @RequestParam(defaultValue = "") String text, Authentication authentication,
			RedirectAttributes redirect) {
		return act(id, redirect, "answered", () -> handling.answer(requestId(id), staff(authentication), text));
	}

	@PostMapping("/{id}/extend")
	String extend(@PathVariable String id, @RequestParam(defaultValue = "0") int months,
			@RequestParam(defaultValue = "") String reason, Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "extended",
				() -> handling.extend(requestId(id), staff(authentication), months, reason));
	}

	@PostMapping("/{id}/id-copy/request")
	String askForIdCopy(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
			Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "idCopyRequested",
				() -> handling.askForIdCopy(requestId(id), staff(authentication), reason));
	}

	/** A POST, because it uses up the one view: a prefetch or a crawler must not. */
	@PostMapping("/{id}/id-copy/view")
	ResponseEntity<byte[]> viewIdCopy(@PathVariable String id, Authentication authentication) {
		var request = requests.findById(requestId(id)).orElseThrow(() -> new NotFoundException("request"));
		return idCopies.viewOnce(request, staff(authentication))
			.map(copy -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(copy.type().contentType()))
				.cacheControl(CacheControl.noStore())
				.body(copy.content()))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.GONE).build());
	}

	@PostMapping("/{id}/id-copy/verified")
	String verified(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "idChecked", () -> handling.idCopyChecked(requestId(id), staff(authentication), true));
	}

	@PostMapping("/{id}/id-copy/rejected")
	String rejected(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "idChecked", () -> handling.idCopyChecked(requestId(id), staff(authentication), false));
	}

	@PostMapping("/{id}/fulfil")
	String fulfil(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "fulfilled", () -> handling.fulfil(requestId(id), staff(authentication)));
	}

	@PostMapping("/{id}/close")
	String close(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(id, redirect, "closed", () -> handling.close(requestId(id), staff(authentication)));
	}

	private static String act(String id, RedirectAttributes redirect, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("done", done);
		}
		catch (RequestRefused refused) {
			redirect.addFlashAttribute("refused", refused.code());
		}
		catch (InvalidInputException invalid) {
			redirect.addFlashAttribute("invalid", invalid.getMessage());
		}
		return "redirect:/admin/privacy/requests/" + requestId(id);
	}

	private static RequestId requestId(String id) {
		try {
			return RequestId.parse(id);
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("request");
		}
	}

	private static AccountId staff(Authentication authentication) {
		return AccountId.parse(authentication.getName());
	}
}
