package io.kluis.privacy.consent;

import io.kluis.privacy.register.ProcessingRegister.CookieCategory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the layout's cookie banner needs, as {@code ${@cookieBanner.state()}}: a bean rather than a
 * model attribute, so every page shows it, error pages included, without each controller helping.
 * The banner shows when the visitor has not chosen yet, and again after a significant policy change
 * ({@link ChoiceRenewal}), then with the previous choice pre-ticked.
 */
@Component("cookieBanner")
public class CookieBanner {

	/**
	 * @param undecided whether to show the banner: no choice yet, or one that must be renewed
	 * @param renewal the banner asks again because the policy changed significantly since the choice
	 * @param returnTo where the form returns to (the current path, never a query)
	 */
	public record State(boolean undecided, boolean renewal, boolean functional, boolean analytical,
			boolean commercial, String returnTo) {
	}

	private final ConsentCookies cookies;

	private final ChoiceRenewal renewal;

	CookieBanner(ConsentCookies cookies, ChoiceRenewal renewal) {
		this.cookies = cookies;
		this.renewal = renewal;
	}

	public State state() {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return new State(false, false, false, false, false, "/");
		}
		HttpServletRequest request = servlet.getRequest();
		Optional<CookieChoice> choice = cookies.choice(request);
		boolean renew = choice.map(renewal::due).orElse(false);
		Object original = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = original != null ? original.toString() : request.getRequestURI();
		return new State(choice.isEmpty() || renew, renew,
				choice.map(c -> c.allows(CookieCategory.FUNCTIONAL)).orElse(false),
				choice.map(c -> c.allows(CookieCategory.ANALYTICAL)).orElse(false),
				choice.map(c -> c.allows(CookieCategory.COMMERCIAL)).orElse(false), SafeReturn.path(path));
	}
}
