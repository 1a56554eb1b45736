package io.kluis.privacy.web;

import io.kluis.crypto.BackupErasure;
import io.kluis.privacy.policy.PolicyText;
import io.kluis.privacy.policy.PublishedPolicy;
import io.kluis.privacy.policy.RegisterVersion;
import io.kluis.privacy.policy.RegisterVersions;
import io.kluis.privacy.register.ProcessingRegister;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public privacy pages, rendered from the processing register (PUR-1): the statement with its
 * last-modified date and earlier versions (POL-1), the retention matrix (RET-1) and the
 * sub-processors (SHR-4, POL-3). No login; Dutch or English by {@code ?lang=}.
 */
@Controller
class PolicyController {

	/** Shown in their own sections, not in the list of statements. */
	static final Set<String> OWN_SECTION = Set.of("eu-only");

	private final PublishedPolicy policy;

	private final RegisterVersions versions;

	private final MessageSource messages;

	private final BackupErasure backupErasure;

	PolicyController(PublishedPolicy policy, RegisterVersions versions, MessageSource messages,
			BackupErasure backupErasure) {
		this.policy = policy;
		this.versions = versions;
		this.messages = messages;
		this.backupErasure = backupErasure;
	}

	@GetMapping("/privacy")
	String statement(Model model, Locale locale) {
		show(policy.current(), policy.register(), false, model, locale);
		return "privacy/policy/statement";
	}

	@GetMapping("/privacy/versions")
	String versions(Model model) {
		model.addAttribute("versions", versions.all().stream()
			.sorted(Comparator.comparingInt(RegisterVersion::number).reversed())
			.toList());
		model.addAttribute("current", policy.current());
		return "privacy/policy/versions";
	}

	@GetMapping("/privacy/versions/{number}")
	String version(@PathVariable String number, Model model, Locale locale) {
		RegisterVersion version = parse(number);
		if (version.number() == policy.current().number()) {
			return "redirect:/privacy";
		}
		show(version, version.register(), true, model, locale);
		return "privacy/policy/statement";
	}

	@GetMapping("/privacy/retention")
	String retention(Model model, Locale locale) {
		show(policy.current(), policy.register(), false, model, locale);
		return "privacy/policy/retention";
	}

	@GetMapping("/privacy/subprocessors")
	String subprocessors(Model model, Locale locale) {
		show(policy.current(), policy.register(), false, model, locale);
		return "privacy/policy/subprocessors";
	}

	private RegisterVersion parse(String number) {
		try {
			return versions.find(Integer.parseInt(number))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such version"));
		}
		catch (NumberFormatException e) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such version");
		}
	}

	private void show(RegisterVersion version, ProcessingRegister register, boolean archived, Model model,
			Locale locale) {
		model.addAttribute("register", register);
		model.addAttribute("version", version);
		model.addAttribute("archived", archived);
		model.addAttribute("current", policy.current());
		model.addAttribute("euOnly", register.statements().stream()
			.filter(s -> s.enabled() && "eu-only".equals(s.id())).findFirst().orElse(null));
		model.addAttribute("statements", register.statements().stream()
			.filter(s -> s.enabled() && !OWN_SECTION.contains(s.id())).toList());
		// A statement may say "{backup-erasure-days}": the bound this installation is configured for.
		model.addAttribute("backupErasureDays", String.valueOf(backupErasure.boundInDays()));
		var text = new PolicyText(register, messages, locale);
		model.addAttribute("text", text);
		List<ProcessingRegister.Recipient> outside = register.recipients().stream()
			.filter(r -> !text.insideEea(r.country())).toList();
		model.addAttribute("transfersOutside", outside);
	}
}
