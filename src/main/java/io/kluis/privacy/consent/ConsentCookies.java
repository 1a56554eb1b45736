package io.kluis.privacy.consent;

import io.kluis.privacy.CookieConsent;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.shared.web.SignedIn;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;

/**
 * {@link CookieConsent} driven by the register: the category of a cookie is the one the published
 * policy gives it, and the visitor's choice is read from the {@code kluis_consent} cookie.
 */
@Service
class ConsentCookies implements CookieConsent {

	/** How long a choice is remembered; then the banner asks again (as the register's cookie list says). */
	static final Duration CHOICE_LIFETIME = Duration.ofDays(ConsentLedger.COOKIE_CHOICE_DAYS);

	private final ProcessingRegister register;

	private final SubjectRestrictions restrictions;

	ConsentCookies(ProcessingRegister register, SubjectRestrictions restrictions) {
		this.register = register;
		this.restrictions = restrictions;
	}

	@Override
	public boolean permits(HttpServletRequest request, String cookieName) {
		Optional<CookieCategory> category = category(cookieName);
		if (category.isEmpty()) {
			return false;
		}
		if (category.get() == CookieCategory.TECHNICAL) {
			return true;
		}
		boolean consented = choice(request).map(c -> c.allows(category.get())).orElse(false);
		// RIG-4, RIG-6: a restricted or objecting account is not tracked, whatever the browser allows.
		return consented && SignedIn.now().map(restrictions::mayProcessBeyondContract).orElse(true);
	}

	@Override
	public boolean set(HttpServletRequest request, HttpServletResponse response, ResponseCookie cookie) {
		if (category(cookie.getName()).isEmpty()) {
			throw new IllegalArgumentException("cookie " + cookie.getName()
					+ " is not declared in the processing register's cookies, so it may not be set");
		}
		if (!permits(request, cookie.getName())) {
			return false;
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		return true;
	}

	@Override
	public void expire(HttpServletRequest request, HttpServletResponse response, String cookieName) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(cookieName, "").path("/").maxAge(0).secure(request.isSecure()).sameSite("Lax").build().toString());
	}

	/** The visitor's current choice, if they made one (and the cookie is intact). */
	Optional<CookieChoice> choice(HttpServletRequest request) {
		return value(request, CookieChoice.COOKIE).flatMap(CookieChoice::parse);
	}

	/** Stores the choice in the technical cookie; readable by consent.js, so not HttpOnly. */
	void remember(HttpServletRequest request, HttpServletResponse response, CookieChoice choice) {
		set(request, response, ResponseCookie.from(CookieChoice.COOKIE, choice.value())
			.path("/")
			.maxAge(CHOICE_LIFETIME)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build());
	}

	/** Deletes every non-technical cookie of the register the browser sent and the choice no longer permits. */
	void expireUnpermitted(HttpServletRequest request, HttpServletResponse response, CookieChoice choice) {
		for (var cookie : register.cookies()) {
			if (!choice.allows(cookie.category()) && value(request, cookie.name()).isPresent()) {
				expire(request, response, cookie.name());
			}
		}
	}

	Optional<CookieCategory> category(String cookieName) {
		return register.cookies().stream().filter(c -> c.name().equals(cookieName)).map(ProcessingRegister.Cookie::category).findFirst();
	}

	static Optional<String> value(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		return cookies == null ? Optional.empty()
				: Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(Cookie::getValue).findFirst();
	}
}
