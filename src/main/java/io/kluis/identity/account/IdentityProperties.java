package io.kluis.identity.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.identity.*}.
 *
 * @param minimumAge customers must be at least this old (ACC-4)
 * @param resetLinkValidity how long a password-reset link works (single use)
 * @param unlockLinkValidity how long the link that lifts a lock works
 * @param emailChangeLinkValidity how long the link confirming a new email address works
 * @param setupLinkValidity how long the first-administrator setup link works
 * @param mfaRequiredForStaff staff must set up a second factor before they can do anything else
 * @param mfaRequiredForCustomers the same for customers (off by default: nudged with a banner)
 * @param hibpEnabled also check new passwords against the Have I Been Pwned range API (k-anonymity);
 *        fails open when the server has no internet
 * @param session browser session lifetimes and cookie
 */
@ConfigurationProperties("kluis.identity")
public record IdentityProperties(@DefaultValue("18") int minimumAge, @DefaultValue("30m") Duration resetLinkValidity,
		@DefaultValue("24h") Duration unlockLinkValidity, @DefaultValue("24h") Duration emailChangeLinkValidity,
		@DefaultValue("24h") Duration setupLinkValidity,
		@DefaultValue("true") boolean mfaRequiredForStaff, @DefaultValue("false") boolean mfaRequiredForCustomers,
		@DefaultValue("false") boolean hibpEnabled, @DefaultValue Session session) {

	/**
	 * @param idleTimeout a session unused this long ends
	 * @param absoluteTimeout a session ends this long after login, however active
	 * @param secureCookie {@code Secure} flag and {@code __Host-} prefix on the session cookie (on in
	 *        the {@code prod} profile; off on plain-HTTP localhost)
	 */
	public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout,
			@DefaultValue("false") boolean secureCookie) {
	}
}
