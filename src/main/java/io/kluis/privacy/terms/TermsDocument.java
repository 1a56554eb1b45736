package io.kluis.privacy.terms;

import io.kluis.shared.StartupRefusal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * The provider's terms of service as loaded from {@code kluis.privacy.terms-location}: a Markdown
 * ({@code .md}) or HTML ({@code .html}) file that starts with a front matter block declaring its
 * version,
 *
 * <pre>
 * ---
 * version: 2026-12
 * ---
 * </pre>
 *
 * and optional translations beside it, named with the language before the extension
 * ({@code terms_nl.md} next to {@code terms.md}), which must declare the same version. HTML is the
 * provider's own and shown as written; Markdown is rendered with everything escaped.
 *
 * @param version as declared: 1 to 40 letters, digits, dots, dashes or underscores
 * @param html by language; {@code ""} is the document without a language in its name
 * @param hash SHA-256 over every language's source, so one version names one text
 */
record TermsDocument(String version, Map<String, String> html, String hash) {

	private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\R(.*?)\\R---\\R?(.*)\\z", Pattern.DOTALL);

	private static final Pattern VERSION = Pattern.compile("(?m)^version:[ \\t]*([A-Za-z0-9._-]{1,40})[ \\t]*$");

	private static final String[] LANGUAGES = { "nl", "en" };

	/** The HTML for this language, or the document without a language in its name. */
	String in(Locale locale) {
		return html.getOrDefault(locale.getLanguage(), html.get(""));
	}

	static TermsDocument load(Resource location) {
		if (!location.exists()) {
			throw new StartupRefusal("the terms of service at kluis.privacy.terms-location (" + location.getDescription()
					+ ") do not exist: point it at your own Markdown or HTML file.");
		}
		var sources = new LinkedHashMap<String, String>();
		var html = new LinkedHashMap<String, String>();
		String version = parse(location, "", sources, html);
		String name = location.getFilename() == null ? "" : location.getFilename();
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			for (String language : LANGUAGES) {
				try {
					Resource translation = location.createRelative(name.substring(0, dot) + "_" + language + name.substring(dot));
					if (translation.exists()) {
						String declared = parse(translation, language, sources, html);
						if (!declared.equals(version)) {
							throw new StartupRefusal("the terms of service " + translation.getDescription() + " declare version "
									+ declared + " but " + location.getDescription() + " declares " + version
									+ ": every translation of one version declares the same version.");
						}
					}
				}
				catch (IOException e) {
					throw new StartupRefusal("the terms of service next to " + location.getDescription()
							+ " cannot be read: " + e.getMessage());
				}
			}
		}
		return new TermsDocument(version, Map.copyOf(html), hash(sources));
	}

	private static String parse(Resource resource, String language, Map<String, String> sources,
			Map<String, String> html) {
		String text;
		try (InputStream in = resource.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
		}
		catch (IOException e) {
			throw new StartupRefusal("the terms of service at " + resource.getDescription() + " cannot be read: "
					+ e.getMessage());
		}
		var matcher = FRONT_MATTER.matcher(text.startsWith("\uFEFF") ? text.substring(1) : text);
		var version = matcher.matches() ? VERSION.matcher(matcher.group(1)) : null;
		if (version == null || !version.find()) {
			throw new StartupRefusal("the terms of service at " + resource.getDescription()
					+ " declare no version: start the file with a line of three dashes, a line \"version: 2026-12\" "
					+ "(letters, digits, dots, dashes) and a line of three dashes.");
		}
		String body = matcher.group(2);
		String name = resource.getFilename() == null ? "" : resource.getFilename().toLowerCase(Locale.ROOT);
		sources.put(language, text);
		html.put(language, name.endsWith(".html") || name.endsWith(".htm") ? body : Markdown.html(body));
		return version.group(1);
	}

	private static String hash(Map<String, String> sources) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			sources.forEach((language, text) -> {
				digest.update((language + "\n" + text.length() + "\n" + text).getBytes(StandardCharsets.UTF_8));
			});
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
