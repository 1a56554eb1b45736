package io.kluis.privacy.consent;

/**
 * The version of the privacy policy a consent was given under, stored with every proof record
 * (CON-1, CON-2). A port: by default the canonical hash of the effective register
 * ({@link RegisterPolicyVersion}); once published policy versions exist, a {@code @Primary} bean
 * returning the version number replaces it without touching the ledger.
 */
@FunctionalInterface
public interface PolicyVersion {

	/** A short, stable identifier of the policy in force now (at most 64 characters). */
	String current();
}
