package io.kluis.privacy.requests.web;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.requests.DataSubjectRequest;
import io.kluis.privacy.requests.IdCopies;
import io.kluis.privacy.requests.IdentityCheck;
import io.kluis.privacy.requests.RequestIntake;
import io.kluis.privacy.requests.RequestKind;
import io.kluis.privacy.requests.RequestRefused;
import io.kluis.privacy.requests.RequestTimeline;
import io.kluis.privacy.requests.RequestsProperties;
import io.kluis.privacy.requests.TimelineEntry;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /requests}: the public form for privacy requests without login (RIG-7, RIG-8), the
 * confirmation of the mailed link, and the requester's status page, which every page pairs with how
 * to complain to the supervisory authority named in the register (RIG-9). The form answers the same
 * for every address (see {@link RequestIntake}).
 */
@Controller
@RequestMapping("/requests")
class PublicRequestController {

	private final RequestIntake intake;

	private final RequestTimeline timeline;

	private final IdCopies idCopies;

	private final ProcessingRegister register;

	private final RequestsProperties properties;

	PublicRequestController(RequestIntake intake, RequestTimeline timeline, IdCopies idCopies,
			ProcessingRegister register, RequestsProperties properties) {
		this.intake = intake;
		this.timeline = timeline;
		this.idCopies = idCopies;
		this.register = register;
		this.properties = properties;
	}

	@ModelAttribute
	void common(Model model) {
		model.addAttribute("provider", register.provider());
		model.addAttribute("authority", register.provider().supervisoryAuthority());
		model.addAttribute("zone", properties.zone());
		model.addAttribute("deadline", register.requestDeadline());
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("kinds", RequestKind.values());
		model.addAttribute("form", new RequestForm("ACCESS", "", "", ""));
		return "privacy/requests/request-form";
	}

	@PostMapping
	String submit(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String message,
			Locale locale, Model model, jakarta.servlet.http.HttpServletResponse response) {
		var form = new RequestForm(kind, email, name, message);
		RequestKind requestKind = Arrays.stream(RequestKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null);
		try {
			if (requestKind == null) {
				throw new InvalidInputException("kind", "requests.invalid.kind");
			}
			if (message.isBlank()) {
				throw new InvalidInputException("message", "requests.invalid.message");
			}
			intake.submit(requestKind, email, name, message, supported(locale));
		}
		catch (InvalidInputException e) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("kinds", RequestKind.values());
			model.addAttribute("form", form);
			model.addAttribute("invalidField", e.field());
			model.addAttribute("invalidMessage", e.getMessage());
			return "privacy/requests/request-form";
		}
		return "redirect:/requests/sent";
	}

	@GetMapping("/sent")
	String sent() {
		return "privacy/requests/request-sent";
	}

	@GetMapping("/confirm")
	String confirmPage(@RequestParam(defaultValue = "") String token, Model model) {
		// A GET only shows a button: mail scanners that prefetch links must not use up the token.
		model.addAttribute("token", token);
		return "privacy/requests/request-confirm";
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(defaultValue = "") String token, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		var statusToken = intake.confirm(token);
		if (statusToken.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("failed", true);
			return "privacy/requests/request-confirm";
		}
		return "redirect:" + statusPath(statusToken.get());
	}

	@GetMapping("/status")
	String status(@RequestParam(defaultValue = "") String token, Model model) {
		DataSubjectRequest request = byToken(token);
		List<TimelineEntry> entries = timeline.of(request).stream().filter(e -> e.kind().shownToRequester()).toList();
		model.addAttribute("token", token);
		model.addAttribute("request", request);
		model.addAttribute("deadline", request.deadline());
		model.addAttribute("timeline", entries);
		model.addAttribute("hasData", entries.stream().anyMatch(PublicRequestController::isAccessDocument));
		model.addAttribute("uploadAllowed", request.identityCheck() == IdentityCheck.ID_COPY_REQUESTED
				|| request.identityCheck() == IdentityCheck.ID_COPY_RECEIVED);
		model.addAttribute("maxSizeMb", properties.idCopyMaxSize().toMegabytes());
		model.addAttribute("retentionDays", properties.idCopyRetention().toDays());
		return "privacy/requests/request-status";
	}

	@PostMapping("/status/id-copy")
	String uploadIdCopy(@RequestParam(defaultValue = "") String token, @RequestParam("file") @Nullable MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		DataSubjectRequest request = byToken(token);
		try {
			if (file == null || file.isEmpty()) {
				throw new RequestRefused("id-copy-too-large");
			}
			if (file.getSize() > properties.idCopyMaxSize().toBytes()) {
				throw new RequestRefused("id-copy-too-large");
			}
			idCopies.upload(request, file.getBytes());
			redirect.addFlashAttribute("uploaded", true);
		}
		catch (RequestRefused refused) {
			redirect.addFlashAttribute("refused", refused.code());
		}
		return "redirect:" + statusPath(token);
	}

	@PostMapping("/status/data")
	ResponseEntity<byte[]> data(@RequestParam(defaultValue = "") String token) {
		DataSubjectRequest request = byToken(token);
		String document = timeline.of(request).stream()
			.filter(PublicRequestController::isAccessDocument)
			.reduce((first, second) -> second)
			.map(TimelineEntry::text)
			.orElseThrow(() -> new NotFoundException("data"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("privacy-request-" + request.id().reference() + ".json")
				.build()
				.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(document.getBytes(StandardCharsets.UTF_8));
	}

	private DataSubjectRequest byToken(String token) {
		return intake.byStatusToken(token).orElseThrow(() -> new NotFoundException("request"));
	}

	private static boolean isAccessDocument(TimelineEntry entry) {
		return entry.kind() == TimelineEntry.Kind.FULFILLED && "json".equals(entry.detail()) && entry.text() != null;
	}

	private static String statusPath(String token) {
		return UriComponentsBuilder.fromPath("/requests/status").queryParam("token", token).build().toUriString();
	}

	static Locale supported(Locale locale) {
		return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
	}
}
