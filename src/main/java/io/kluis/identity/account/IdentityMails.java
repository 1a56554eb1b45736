package io.kluis.identity.account;

import io.kluis.shared.EmailAddress;
import java.time.Duration;

/**
 * The mails identity sends, each in the account's language. Implemented on top of the
 * notifications outbox, so a mail is sent if and only if the transaction that asked for it commits.
 */
public interface IdentityMails {

	/** The verification link, which works for {@code validity} (the mail says for how many days). */
	void verifyEmail(Account account, String token, Duration validity);

	/** Sent instead of a verification mail when someone registers with an address that has an account. */
	void alreadyRegistered(Account account);

	void resetPassword(Account account, String token);

	void unlock(Account account, String token);

	void confirmNewEmail(Account account, EmailAddress newEmail, String token);

	/** To the old address after an email change, so a hijack does not go unnoticed. */
	void emailChanged(Account account, EmailAddress oldEmail);

	void passwordChanged(Account account);

	void mfaChanged(Account account, boolean enabled);
}
