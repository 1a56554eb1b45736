package io.kluis.identity.account;

import io.kluis.shared.web.InvalidInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an app password may reach, chosen when it is created; the least ({@link #FILES}) by default.
 * Each becomes a granted authority ({@code SCOPE_files} …) that the API chain checks. No scope
 * reaches account takeover: the API asks for the account password (and second factor) again for
 * changing the email address, exports, the second factor and closing the account.
 */
public enum AppPasswordScope {

	/** WebDAV ({@code /dav/}) only. */
	FILES("files"),

	/** Reading the JSON API ({@code GET}, {@code HEAD}). */
	API_READ("api:read"),

	/** Everything the JSON API does, reading included. */
	API_WRITE("api:write");

	public static final Set<AppPasswordScope> DEFAULT = Set.of(FILES);

	private final String value;

	AppPasswordScope(String value) {
		this.value = value;
	}

	public String value() {
		return value;
	}

	public String authority() {
		return "SCOPE_" + value;
	}

	public static AppPasswordScope parse(String value) {
		return Arrays.stream(values())
			.filter(s -> s.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("scopes", "scopes are files, api:read and api:write"));
	}

	/** The scopes asked for, or the default when none are named. */
	public static Set<AppPasswordScope> of(Collection<String> values) {
		if (values.isEmpty()) {
			return DEFAULT;
		}
		var scopes = EnumSet.noneOf(AppPasswordScope.class);
		values.forEach(v -> scopes.add(parse(v)));
		return scopes;
	}

	static String format(Set<AppPasswordScope> scopes) {
		return scopes.stream().sorted().map(AppPasswordScope::value).collect(Collectors.joining(" "));
	}

	static Set<AppPasswordScope> read(String stored) {
		var scopes = EnumSet.noneOf(AppPasswordScope.class);
		for (String v : stored.trim().split("\\s+")) {
			Arrays.stream(values()).filter(s -> s.value.equals(v)).forEach(scopes::add);
		}
		return scopes;
	}
}
