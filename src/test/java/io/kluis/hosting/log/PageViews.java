package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import java.time.Instant;

/** Scenario-named page views for tests. */
final class PageViews {

	private PageViews() {
	}

	static PageView at(Instant time, SiteId site) {
		return new PageView(time, site, "www.example.nl", "/index.html", "utm_source=mail", 200, 10240,
				"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "192.0.2.10", "search.example");
	}

	static PageView at(Instant time, String site) {
		return at(time, SiteId.of(site));
	}
}
