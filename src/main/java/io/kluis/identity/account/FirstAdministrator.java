package io.kluis.identity.account;

import io.kluis.identity.PasswordChanged;
import io.kluis.identity.Role;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.ConflictException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating the first administrator without any default password: on a start with no active
 * administrator, a one-time setup link is printed to the console (only someone with access to the
 * server's console or logs of stdout can use it); {@code java -jar kluis.jar admin create} does the
 * same for scripted installs.
 */
@Service
public class FirstAdministrator {

	private final StaffAdministration staff;

	private final OneTimeTokens tokens;

	private final PasswordRules rules;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final String baseUrl;

	private final boolean commandLine;

	FirstAdministrator(StaffAdministration staff, OneTimeTokens tokens, PasswordRules rules,
			IdentityProperties properties, ApplicationEventPublisher events, @Value("${kluis.base-url}") String baseUrl,
			@Value("${kluis.cli.enabled:false}") boolean commandLine) {
		this.staff = staff;
		this.tokens = tokens;
		this.rules = rules;
		this.properties = properties;
		this.events = events;
		this.baseUrl = baseUrl;
		this.commandLine = commandLine;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void offerSetupLink() {
		if (commandLine || staff.anyAdministrator()) {
			return;
		}
		String token = tokens.issue(null, TokenPurpose.SETUP, properties.setupLinkValidity(), null);
		printSetupLink(System.out, token);
	}

	void printSetupLink(PrintStream out, String token) {
		// Printed to the console on purpose, not logged: log files are shipped and kept, the link is a secret.
		out.println();
		out.println("==================================================================================");
		out.println(" Kluis has no administrator yet. Create the first one within "
				+ properties.setupLinkValidity().toHours() + " hours at:");
		out.println("   " + baseUrl + "/setup?token=" + token);
		out.println(" (or run: java -jar kluis.jar admin create --email you@example.org)");
		out.println("==================================================================================");
		out.println();
	}

	public boolean isSetupLinkValid(String token) {
		return !staff.anyAdministrator() && tokens.isValid(TokenPurpose.SETUP, token);
	}

	/**
	 * Creates the first administrator from the setup link.
	 * @throws RegistrationRefused when the email or password breaks a rule (the link stays usable)
	 * @throws ConflictException when an administrator exists already or the link is not valid
	 */
	@Transactional
	public AccountId createFromSetupLink(String token, String emailText, String password, Locale locale) {
		if (!isSetupLinkValid(token)) {
			throw new ConflictException("setup link is not valid");
		}
		EmailAddress email = validate(emailText, password);
		if (tokens.redeem(TokenPurpose.SETUP, token).isEmpty()) {
			throw new ConflictException("setup link is not valid");
		}
		AccountId id = staff.createStaffAccount(email, Set.of(Role.ADMIN), locale, password, null, "SETUP");
		events.publishEvent(new PasswordChanged(id, "SETUP"));
		return id;
	}

	/** The CLI path: same rules; fails when the address is taken. */
	@Transactional
	public AccountId createFromCommandLine(String emailText, String password, Set<Role> roles) {
		EmailAddress email = validate(emailText, password);
		return staff.createStaffAccount(email, roles, Locale.ENGLISH, password, null, "CLI");
	}

	private EmailAddress validate(String emailText, String password) {
		if (!EmailAddress.isValid(emailText)) {
			throw new RegistrationRefused(List.of(RegistrationValidator.violation("email", "email.invalid")));
		}
		EmailAddress email = EmailAddress.of(emailText);
		var violations = rules.check(password, false, List.of(email.localPart()));
		if (!violations.isEmpty()) {
			throw new RegistrationRefused(violations);
		}
		return email;
	}
}
