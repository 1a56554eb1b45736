package io.kluis.privacy.requests;

import io.kluis.shared.AccountId;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import java.util.Locale;

/**
 * How the privacy officer's "fulfil" carries out an access/portability or erasure request: the port
 * through which the self-service rights engine ({@code privacy.rights}) does the work, so requests
 * with and without login have one engine (this package never imports that one; it implements this
 * interface). The subject is {@code new DataSubject(accountOrNull, email)}: a former customer's data
 * must be found by the address alone (RIG-8).
 *
 * <p>{@link RequestHandling} calls both methods outside any transaction: an erasure runs in steps
 * that each commit on their own (see the implementation), and must not be rolled back as a whole.
 */
public interface RequestFulfilment {

	/**
	 * Everything held about the subject as one JSON document (UTF-8 text) in the subject's language,
	 * which the requester downloads from the status page (RIG-1, RIG-5, RIG-8).
	 */
	String access(DataSubject subject, Locale locale);

	/**
	 * Erases what may be erased and records the evidence (RET-6); returns the counts, which the
	 * requester is told. Must be idempotent.
	 *
	 * @param actor the staff member carrying it out (audited)
	 */
	Erased erase(DataSubject subject, AccountId actor);
}
