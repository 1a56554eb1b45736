package io.kluis.privacy.requests.web;

import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.requests.EnteringRequests;
import io.kluis.privacy.requests.RequestChannel;
import io.kluis.privacy.requests.RequestId;
import io.kluis.privacy.requests.RequestKind;
import io.kluis.privacy.requests.RequestsProperties;
import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/privacy/requests/new}: the privacy officer enters a request that arrived by email,
 * letter or phone (RIG-7). Only the privacy officer: entering starts a legal deadline in the
 * officer's name. A mistake comes back as the form with a 400 and the rule that refused it.
 */
@Controller
@RequestMapping("/admin/privacy/requests/new")
@PreAuthorize("hasRole('PRIVACY_OFFICER')")
class RequestEntryController {

	static final List<RequestChannel> CHANNELS = Arrays.stream(RequestChannel.values())
		.filter(RequestChannel::enteredByStaff)
		.toList();

	private final EnteringRequests entering;

	private final ProcessingRegister register;

	private final RequestsProperties properties;

	private final Clock clock;

	RequestEntryController(EnteringRequests entering, ProcessingRegister register, RequestsProperties properties,
			Clock clock) {
		this.entering = entering;
		this.register = register;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the form posts, echoed back when something must be corrected. */
	record EntryForm(String kind, String channel, String arrivedOn, String email, String name, String note,
			String language) {

		@Override
		public String toString() {
			return "EntryForm[" + kind + ", " + channel + "]";
		}
	}

	@GetMapping
	String form(Model model) {
		String today = clock.instant().atZone(properties.zone()).toLocalDate().toString();
		return page(model, new EntryForm("ACCESS", "EMAIL", today, "", "", "", "nl"));
	}

	@PostMapping
	String enter(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String arrivedOn, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String note,
			@RequestParam(defaultValue = "nl") String language, Authentication authentication, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var form = new EntryForm(kind, channel, arrivedOn, email, name, note, language);
		try {
			var entry = new EnteringRequests.Entry(parse(RequestKind.class, "kind", kind),
					parse(RequestChannel.class, "channel", channel), date(arrivedOn), email, name, note,
					"en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("nl"));
			RequestId id = entering.enter(entry, AccountId.parse(authentication.getName()));
			redirect.addFlashAttribute("done", "entered");
			return "redirect:/admin/privacy/requests/" + id;
		}
		catch (InvalidInputException e) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("invalidField", e.field());
			model.addAttribute("invalidMessage", e.getMessage());
			return page(model, form);
		}
	}

	private String page(Model model, EntryForm form) {
		model.addAttribute("form", form);
		model.addAttribute("kinds", RequestKind.values());
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("deadline", register.requestDeadline());
		return "privacy/requests/request-enter";
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
		return Arrays.stream(type.getEnumConstants())
			.filter(c -> c.name().equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(field, "requests.invalid." + field));
	}

	private static LocalDate date(String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("arrivedOn", "requests.invalid.arrivedOn");
		}
	}
}
