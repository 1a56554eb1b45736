package io.kluis.identity.api;

import io.kluis.identity.account.Account;
import io.kluis.identity.security.PasswordLogin;
import io.kluis.identity.security.SecondFactorLogin;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Authenticates one API call with the account password (HTTP Basic) plus, when MFA is on, the
 * current TOTP or a recovery code in {@code X-Kluis-OTP}. Used only where an app password cannot
 * be (creating the first app password), with the same throttling and audit as the login form.
 */
@Component
class AccountPasswordAuthentication {

	static final String OTP_HEADER = "X-Kluis-OTP";

	private final PasswordLogin passwordLogin;

	private final SecondFactorLogin secondFactor;

	AccountPasswordAuthentication(PasswordLogin passwordLogin, SecondFactorLogin secondFactor) {
		this.passwordLogin = passwordLogin;
		this.secondFactor = secondFactor;
	}

	Account authenticate(HttpServletRequest request) {
		String[] credentials = basic(request.getHeader("Authorization"));
		if (credentials == null) {
			throw unauthorized("Authenticate with HTTP Basic: your email address and account password.");
		}
		String address = request.getRemoteAddr();
		var outcome = passwordLogin.attempt(credentials[0], credentials[1], address);
		if (outcome instanceof PasswordLogin.Outcome.Authenticated a) {
			return a.account();
		}
		if (outcome instanceof PasswordLogin.Outcome.SecondFactorRequired s) {
			String otp = request.getHeader(OTP_HEADER);
			if (otp == null || otp.isBlank()) {
				throw unauthorized("This account uses a second factor: send the current code in " + OTP_HEADER + ".");
			}
			return secondFactor.complete(s.account().id(), otp.strip(), address)
				.orElseThrow(() -> unauthorized("Authentication failed."));
		}
		if (outcome instanceof PasswordLogin.Outcome.Inactive) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This account cannot be used (unverified or blocked).");
		}
		throw unauthorized("Authentication failed.");
	}

	private static ResponseStatusException unauthorized(String reason) {
		return new ResponseStatusException(HttpStatus.UNAUTHORIZED, reason);
	}

	static String @Nullable [] basic(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 4096) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
