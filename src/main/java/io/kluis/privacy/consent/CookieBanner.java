package io.kluis.privacy.consent;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the layout's cookie banner needs, as {@code ${@cookieBanner.state()}}: a bean rather than a
 * model attribute, so every page shows it, error pages included, without each controller helping.
 */
@Component("cookieBanner")
public class CookieBanner {

	/** Whether to show the banner, and where its form returns to (the current path, never a query). */
	public record State(boolean undecided, boolean functional, boolean analytical, boolean commercial, String returnTo) {
	}

	private final ConsentCookies cookies;

	CookieBanner(ConsentCookies cookies) {
		this.cookies = cookies;
	}

	public State state() {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return new State(false, false, false, false, "/");
		}
		HttpServletRequest request = servlet.getRequest();
		var choice = cookies.choice(request);
		Object original = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = original != null ? original.toString() : request.getRequestURI();
		return new State(choice.isEmpty(),
				choice.map(c -> c.allows(io.kluis.privacy.register.ProcessingRegister.CookieCategory.FUNCTIONAL)).orElse(false),
				choice.map(c -> c.allows(io.kluis.privacy.register.ProcessingRegister.CookieCategory.ANALYTICAL)).orElse(false),
				choice.map(c -> c.allows(io.kluis.privacy.register.ProcessingRegister.CookieCategory.COMMERCIAL)).orElse(false),
				SafeReturn.path(path));
	}
}
