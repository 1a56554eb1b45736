package io.kluis.audit.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of the audit trail, which outlives most personal data and cannot be
 * edited to erase it. Codes must be dotted lower-case words; detail keys short identifiers; detail
 * values short and free of anything that looks like an email address or an IP address (IPv4, or
 * IPv6 in full or {@code ::} form). The check errs on the side of refusing: a version string such as
 * {@code 1.2.3.4} is refused too; record it under a different shape ({@code 1.2.3-4}) if it matters.
 *
 * <p>Messages name the rule and, for details, the key (which is code, not input); never the value.
 */
final class PersonalDataGuard {

	static final int MAX_DETAILS = 32;

	static final int MAX_VALUE_LENGTH = 200;

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

	private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

	private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

	private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![0-9])");

	private static final Pattern NOT_IPV6 = Pattern.compile("[^0-9A-Fa-f:.]+");

	private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

	private PersonalDataGuard() {
	}

	/** @throws DetailsRejectedException when the code or a detail breaks a rule */
	static void check(String code, Map<String, String> details) {
		checkCode(code);
		if (details.size() > MAX_DETAILS) {
			throw new DetailsRejectedException("an audit entry holds at most " + MAX_DETAILS + " details");
		}
		details.forEach(PersonalDataGuard::checkDetail);
	}

	static void checkCode(String code) {
		if (code.length() > 100 || !CODE.matcher(code).matches()) {
			throw new DetailsRejectedException("audit codes are dotted lower-case words, e.g. identity.login.failed");
		}
	}

	private static void checkDetail(String key, String value) {
		if (!KEY.matcher(key).matches()) {
			throw new DetailsRejectedException("audit detail keys are identifiers of at most 64 characters");
		}
		if (value.length() > MAX_VALUE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
			throw new DetailsRejectedException("audit detail '" + key + "' is longer than " + MAX_VALUE_LENGTH
					+ " characters or contains control characters");
		}
		if (EMAIL.matcher(value).find()) {
			throw new DetailsRejectedException(
					"audit detail '" + key + "' looks like an email address; audit entries hold ids and codes only");
		}
		if (containsIpAddress(value)) {
			throw new DetailsRejectedException(
					"audit detail '" + key + "' looks like an IP address; audit entries hold ids and codes only");
		}
	}

	static boolean containsIpAddress(String value) {
		var ipv4 = IPV4.matcher(value);
		while (ipv4.find()) {
			boolean octets = true;
			for (int group = 1; group <= 4; group++) {
				octets &= Integer.parseInt(ipv4.group(group)) <= 255;
			}
			if (octets) {
				return true;
			}
		}
		for (String token : NOT_IPV6.split(value)) {
			if (token.indexOf(':') != token.lastIndexOf(':') && isIpv6(token)) {
				return true;
			}
		}
		return false;
	}

	/** Full (eight groups) or compressed ({@code ::}) form, with an optional dotted IPv4 tail. */
	private static boolean isIpv6(String token) {
		int compressed = token.indexOf("::");
		if (compressed >= 0 && token.indexOf("::", compressed + 1) >= 0) {
			return false;
		}
		String[] groups = token.replace("::", ":_:").split(":", -1);
		int count = 0;
		for (int i = 0; i < groups.length; i++) {
			String group = groups[i];
			boolean edgeOfCompression = group.isEmpty() && compressed >= 0
					&& ((i == 0 && token.startsWith("::")) || (i == groups.length - 1 && token.endsWith("::")));
			if (group.equals("_") || edgeOfCompression) {
				continue;
			}
			if (i == groups.length - 1 && group.contains(".")) {
				if (!IPV4.matcher(group).matches()) {
					return false;
				}
				count += 2;
			}
			else if (HEX_GROUP.matcher(group).matches()) {
				count++;
			}
			else {
				return false;
			}
		}
		return compressed >= 0 ? count <= 7 : count == 8;
	}
}
