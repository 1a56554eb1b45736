package io.kluis.privacy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

/**
 * The one way a module sets a cookie that is not strictly necessary (CON-2). Which category a cookie
 * belongs to is not the caller's say: the processing register's {@code cookies} list decides, so a
 * cookie missing from the published policy cannot be set at all, and a non-technical one only after
 * the visitor consented to its category (and never for an account that restricted processing or
 * objected, RIG-4, RIG-6). Scripts ask the browser-side twin, {@code window.kluisConsent.allowed(category)}.
 */
public interface CookieConsent {

	/** Whether the cookie may be set for the visitor of this request now. False for undeclared cookies. */
	boolean permits(HttpServletRequest request, String cookieName);

	/**
	 * Sets the cookie if {@link #permits permitted}, and says whether it did.
	 * @throws IllegalArgumentException when the register does not declare the cookie
	 */
	boolean set(HttpServletRequest request, HttpServletResponse response, ResponseCookie cookie);

	/** Tells the browser to delete the cookie (whatever its category). */
	void expire(HttpServletRequest request, HttpServletResponse response, String cookieName);
}
