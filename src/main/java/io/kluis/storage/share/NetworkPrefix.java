package io.kluis.storage.share;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A visitor's address truncated to its network (IPv4 /24, IPv6 /48) before anything stores it: enough
 * for an owner to tell "my colleague's office" from "somewhere else", not enough to single out a
 * device. Only literal addresses are parsed (no name lookups); anything else becomes "unknown".
 */
final class NetworkPrefix {

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

	private NetworkPrefix() {
	}

	static String of(@org.jspecify.annotations.Nullable String address) {
		if (address == null) {
			return "unknown";
		}
		String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		var v4 = IPV4.matcher(bare);
		if (v4.matches()) {
			for (int i = 1; i <= 4; i++) {
				if (Integer.parseInt(v4.group(i)) > 255) {
					return "unknown";
				}
			}
			return Integer.parseInt(v4.group(1)) + "." + Integer.parseInt(v4.group(2)) + "."
					+ Integer.parseInt(v4.group(3)) + ".0/24";
		}
		int zone = bare.indexOf('%');
		String literal = zone >= 0 ? bare.substring(0, zone) : bare;
		if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
			return "unknown";
		}
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			byte[] bytes = parsed.getAddress();
			if (parsed instanceof Inet6Address) {
				Arrays.fill(bytes, 6, 16, (byte) 0);
				return InetAddress.getByAddress(bytes).getHostAddress().replaceAll("(:0)+$", "::") + "/48";
			}
			return of(parsed.getHostAddress());
		}
		catch (UnknownHostException e) {
			return "unknown";
		}
	}
}
