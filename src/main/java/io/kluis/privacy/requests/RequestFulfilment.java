package io.kluis.privacy.requests;

import io.kluis.privacy.spi.DataSubject;
import io.kluis.privacy.spi.Erased;

/**
 * How the privacy officer's "fulfil" carries out an access/portability or erasure request: the hook
 * where the self-service engine plugs in, so requests with and without login use the same engine.
 *
 * <p>Declare a bean implementing this interface (e.g. in {@code privacy.rights}) and
 * {@link RequestHandling} uses it; without one it uses {@link HolderFulfilment}, which asks every
 * {@link io.kluis.privacy.spi.PersonalDataHolder} directly. The subject is
 * {@code new DataSubject(accountOrNull, email)}: holders must find a former customer's data by the
 * address alone (RIG-8).
 */
public interface RequestFulfilment {

	/**
	 * Everything held about the subject as one JSON document (UTF-8 text), which the requester
	 * downloads from the status page (RIG-1, RIG-5, RIG-8).
	 */
	String access(DataSubject subject);

	/**
	 * Erases what may be erased and records the evidence (RET-6); returns the counts, which the
	 * requester is told. Must be idempotent.
	 */
	Erased erase(DataSubject subject);
}
