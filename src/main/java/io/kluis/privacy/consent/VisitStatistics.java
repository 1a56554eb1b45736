package io.kluis.privacy.consent;

import io.kluis.privacy.CookieConsent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The register's purpose {@code visit-statistics}: counts visits and page views per page pattern and
 * day. Only for visitors who allowed analytical cookies (and are not restricted or objecting, which
 * {@link CookieConsent} checks): their browser gets {@code kluis_visit}, a random id that only marks
 * "same visit" and is never stored; the database holds totals only.
 */
@Component
class VisitStatistics implements HandlerInterceptor {

	static final String COOKIE = "kluis_visit";

	static final Duration VISIT = Duration.ofMinutes(30);

	private final CookieConsent consent;

	private final JdbcClient jdbc;

	private final Clock clock;

	VisitStatistics(CookieConsent consent, JdbcClient jdbc, Clock clock) {
		this.consent = consent;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!"GET".equals(request.getMethod()) || !(handler instanceof HandlerMethod)
				|| !consent.permits(request, COOKIE)) {
			return true;
		}
		boolean newVisit = ConsentCookies.value(request, COOKIE).isEmpty();
		// Sliding: every page view within the visit keeps the cookie alive for another 30 minutes.
		consent.set(request, response, ResponseCookie.from(COOKIE, newVisit ? UUID.randomUUID().toString()
				: ConsentCookies.value(request, COOKIE).get())
			.path("/")
			.maxAge(VISIT)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build());
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		count(LocalDate.now(clock), pattern == null ? "?" : truncate(pattern.toString()), newVisit ? 1 : 0);
		return true;
	}

	private void count(LocalDate day, String page, int visits) {
		Date date = Date.valueOf(day);
		for (int attempt = 0; attempt < 2; attempt++) {
			int updated = jdbc.sql("update privacy_visit_counts set visits = visits + ?, views = views + 1 where visit_day = ? and page = ?")
				.params(visits, date, page)
				.update();
			if (updated > 0) {
				return;
			}
			try {
				jdbc.sql("insert into privacy_visit_counts (visit_day, page, visits, views) values (?, ?, ?, 1)")
					.params(date, page, visits)
					.update();
				return;
			}
			catch (DuplicateKeyException raced) {
				// another node counted the first view of this page today; update instead
			}
		}
	}

	/** Totals per page for one day, for the administrator. */
	java.util.List<java.util.Map<String, Object>> day(LocalDate day) {
		return jdbc.sql("select page, visits, views from privacy_visit_counts where visit_day = ? order by views desc")
			.param(Date.valueOf(day))
			.query()
			.listOfRows();
	}

	private static String truncate(String page) {
		return page.length() > 200 ? page.substring(0, 200) : page;
	}
}
