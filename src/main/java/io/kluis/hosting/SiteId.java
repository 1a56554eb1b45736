package io.kluis.hosting;

import java.util.regex.Pattern;

/**
 * A hosted site, as an opaque identifier: letters, digits, dot, dash and underscore, 1 to 64 long,
 * starting with a letter or digit. Not a domain name (a site answers for several) and never personal
 * data; what the id means is up to the sites code behind {@link HostedSites}.
 */
public record SiteId(String value) {

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	public SiteId {
		if (!FORM.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"a site id is 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit");
		}
	}

	public static SiteId of(String value) {
		return new SiteId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
