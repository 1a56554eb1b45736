package io.kluis.identity.account;

import io.kluis.identity.Role;
import io.kluis.shared.cli.KluisCommand;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar kluis.jar admin create --email ADDRESS [--role ADMIN,SUPPORT,…] [--password-stdin]}:
 * creates a staff account for scripted installs. The password is read from standard input with
 * {@code --password-stdin}, else asked on the console without echo; never taken from an argument,
 * where it would end up in the shell history and the process list.
 */
@Component
class AdminCommands implements KluisCommand {

	private final FirstAdministrator administrators;

	AdminCommands(FirstAdministrator administrators) {
		this.administrators = administrators;
	}

	@Override
	public String name() {
		return "admin create";
	}

	@Override
	public String synopsis() {
		return "--email ADDRESS [--role ADMIN,SUPPORT,BILLING,PRIVACY_OFFICER] [--password-stdin]";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		String email = KluisCommand.option(options, "email");
		if (email == null) {
			out.println("Usage: admin create " + synopsis());
			return 2;
		}
		Set<Role> roles;
		try {
			roles = parseRoles(KluisCommand.option(options, "role"));
		}
		catch (IllegalArgumentException e) {
			out.println("Unknown role. Use ADMIN, SUPPORT, BILLING or PRIVACY_OFFICER.");
			return 2;
		}
		String password = readPassword(options.contains("--password-stdin"), out);
		if (password == null) {
			out.println("No password given (use --password-stdin or run in a terminal).");
			return 2;
		}
		try {
			var id = administrators.createFromCommandLine(email, password, roles);
			out.println("Created staff account " + id + " with roles " + roles + ".");
			out.println("Log in and set up the second factor; it is required for staff.");
			return 0;
		}
		catch (RegistrationRefused e) {
			out.println("Refused: " + e.violations().stream().map(RegistrationRefused.Violation::code).toList());
			return 1;
		}
		catch (io.kluis.shared.web.ConflictException e) {
			out.println("Refused: " + e.getMessage());
			return 1;
		}
	}

	static Set<Role> parseRoles(String text) {
		if (text == null || text.isBlank()) {
			return EnumSet.of(Role.ADMIN);
		}
		var roles = EnumSet.noneOf(Role.class);
		for (String name : text.split(",")) {
			Role role = Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
			if (!role.isStaffRole() || role == Role.STAFF) {
				throw new IllegalArgumentException("not a staff role");
			}
			roles.add(role);
		}
		return roles;
	}

	private static String readPassword(boolean fromStdin, PrintStream out) {
		try {
			if (fromStdin) {
				return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
			Console console = System.console();
			if (console == null) {
				return null;
			}
			char[] first = console.readPassword("Password (at least 15 characters): ");
			char[] second = console.readPassword("Repeat: ");
			if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
				out.println("The passwords do not match.");
				return null;
			}
			return new String(first);
		}
		catch (IOException e) {
			return null;
		}
	}
}
