package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one access-log line into a {@link PageView}: the combined log format of Apache and nginx
 * (optionally with the virtual host in front, Apache's {@code vhost_combined}), or a JSON object per
 * line (nginx {@code log_format ... escape=json}; field names in the README). A line starting with an opening
 * brace is JSON, any other combined, so a file may mix both.
 */
final class LogLineParser {

	private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";

	private static final Pattern COMBINED = Pattern.compile("^(?:(\\S+):\\d+ )?(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] "
			+ QUOTED + " (\\d{3}) (\\d+|-)(?: " + QUOTED + " " + QUOTED + ")?.*$");

	private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
			Locale.ENGLISH);

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final Pattern URL_HOST = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\\[[^\\]/]+\\]|[^/:?#]+)");

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SiteId site;

	private final @Nullable String domain;

	private final boolean keepQuery;

	/**
	 * @param domain the domain for lines that do not name one (plain combined format), or {@code null}
	 * @param keepQuery whether to keep query strings (the site's owner turned it on)
	 */
	LogLineParser(SiteId site, @Nullable String domain, boolean keepQuery) {
		this.site = site;
		this.domain = domain;
		this.keepQuery = keepQuery;
	}

	PageView parse(String line) throws MalformedLine {
		PageView view = line.stripLeading().startsWith("{") ? json(line) : combined(line);
		return keepQuery ? view : view.withoutQuery();
	}

	private PageView combined(String line) throws MalformedLine {
		Matcher m = COMBINED.matcher(line);
		if (!m.matches()) {
			throw new MalformedLine("not in combined log format (IP, identity, user, [time], \"request\", status, "
					+ "bytes, \"referrer\", \"user agent\")");
		}
		Instant time;
		try {
			time = OffsetDateTime.parse(m.group(3), CLF_TIME).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new MalformedLine("time is not dd/MMM/yyyy:HH:mm:ss +zone");
		}
		String[] request = unescape(m.group(4)).split(" ");
		if (request.length != 3) {
			throw new MalformedLine("request is not METHOD TARGET PROTOCOL");
		}
		String[] target = target(request[1]);
		String bytes = m.group(6);
		return new PageView(time, site, domain(m.group(1)), target[0], target[1], Integer.parseInt(m.group(5)),
				"-".equals(bytes) ? 0 : number(bytes, "bytes"), dash(m.group(8)), ip(m.group(2)),
				referrerHost(dash(m.group(7))));
	}

	private PageView json(String line) throws MalformedLine {
		JsonNode node;
		try {
			node = JSON.readTree(line);
		}
		catch (JacksonException e) {
			throw new MalformedLine("not a complete JSON object");
		}
		if (node == null || !node.isObject()) {
			throw new MalformedLine("not a JSON object");
		}
		Instant time = jsonTime(node);
		String uri = text(node, "path", "uri", "request_uri");
		if (uri == null) {
			throw new MalformedLine("no path (path, uri or request_uri)");
		}
		String[] target = target(uri);
		String query = target[1] != null ? target[1] : text(node, "query", "args");
		String status = text(node, "status");
		if (status == null || !status.matches("\\d{3}")) {
			throw new MalformedLine("status is not a three-digit number");
		}
		String bytes = text(node, "bytes", "body_bytes_sent", "bytes_sent");
		String ip = text(node, "ip", "remote_addr", "visitor_ip");
		if (ip == null) {
			throw new MalformedLine("no visitor IP (ip or remote_addr)");
		}
		String referrerHost = text(node, "referrer_host");
		if (referrerHost == null) {
			referrerHost = referrerHost(text(node, "referrer", "referer", "http_referer"));
		}
		return new PageView(time, site, domain(text(node, "domain", "host", "server_name")), target[0], query,
				Integer.parseInt(status), bytes == null ? 0 : number(bytes, "bytes"),
				text(node, "user_agent", "http_user_agent"), ip(ip), referrerHost);
	}

	private static Instant jsonTime(JsonNode node) throws MalformedLine {
		JsonNode epoch = node.get("msec");
		if (epoch != null && (epoch.isNumber() || epoch.isString())) {
			try {
				double seconds = Double.parseDouble(epoch.asString());
				return Instant.ofEpochMilli(Math.round(seconds * 1000));
			}
			catch (NumberFormatException e) {
				throw new MalformedLine("msec is not a number of seconds");
			}
		}
		String time = text(node, "time", "time_iso8601", "timestamp");
		if (time == null) {
			throw new MalformedLine("no time (time, time_iso8601 or msec)");
		}
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new MalformedLine("time is not ISO-8601 with an offset");
		}
	}

	private static @Nullable String text(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && !value.isNull() && !value.isContainer()) {
				String text = value.asString();
				if (!text.isEmpty() && !"-".equals(text)) {
					return text;
				}
			}
		}
		return null;
	}

	/** The path and the query (or {@code null}) of a request target. */
	private static String[] target(String target) throws MalformedLine {
		String path = target;
		Matcher absolute = URL_HOST.matcher(target);
		if (absolute.find()) {
			path = target.substring(absolute.end());
			path = path.isEmpty() || path.startsWith("?") ? "/" + path : path;
		}
		if (!path.startsWith("/") && !"*".equals(path)) {
			throw new MalformedLine("request target is not a path");
		}
		int question = path.indexOf('?');
		return question < 0 ? new String[] { path, null }
				: new String[] { path.substring(0, question), path.substring(question + 1) };
	}

	private String domain(@Nullable String fromLine) throws MalformedLine {
		String value = fromLine != null ? fromLine : domain;
		if (value == null) {
			throw new MalformedLine("no domain: the line names no virtual host, so pass --domain");
		}
		if (!HOST.matcher(value).matches()) {
			throw new MalformedLine("domain is not a host name");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * The address in canonical form (IPv6 as RFC 5952: lower case, zeros compressed, as PostgreSQL's
	 * {@code inet} prints it), so that H2 and PostgreSQL hold the same text; literal parsing only,
	 * never a DNS lookup.
	 */
	static String ip(String value) throws MalformedLine {
		boolean v4 = IPV4.matcher(value).matches();
		if (!v4 && !(value.indexOf(':') >= 0 && IPV6.matcher(value).matches())) {
			throw new MalformedLine("visitor IP is not an IPv4 or IPv6 address");
		}
		try {
			InetAddress address = InetAddress.getByName(value);
			return address instanceof Inet6Address ? rfc5952(address.getAddress()) : address.getHostAddress();
		}
		catch (UnknownHostException e) {
			throw new MalformedLine("visitor IP is not an IPv4 or IPv6 address");
		}
	}

	private static String rfc5952(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j == i ? i + 1 : j;
		}
		var out = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(groups[i]));
		}
		return out.toString();
	}

	/** Only the host of a referrer URL: its path and query may carry someone's data. */
	static @Nullable String referrerHost(@Nullable String referrer) {
		if (referrer == null) {
			return null;
		}
		Matcher m = URL_HOST.matcher(referrer);
		return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
	}

	private static long number(String value, String what) throws MalformedLine {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			throw new MalformedLine(what + " is not a whole number");
		}
	}

	private static @Nullable String dash(@Nullable String value) {
		return value == null || "-".equals(value) || value.isEmpty() ? null : unescape(value);
	}

	private static String unescape(String value) {
		return value.indexOf('\\') < 0 ? value : value.replace("\\\"", "\"").replace("\\\\", "\\");
	}
}
