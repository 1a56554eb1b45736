package io.kluis.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The login form's request details: the client's address and the device cookie, if sent. */
class LoginDetails extends WebAuthenticationDetails {

	private final transient @Nullable String deviceCookie;

	LoginDetails(HttpServletRequest request) {
		super(request);
		this.deviceCookie = DeviceCookies.read(request);
	}

	@Nullable String deviceCookie() {
		return deviceCookie;
	}

	@Override
	public String toString() {
		return "LoginDetails[***]";
	}
}
