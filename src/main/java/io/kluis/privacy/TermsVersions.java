package io.kluis.privacy;

/**
 * The terms of service a registering customer accepts: a document the provider supplies
 * ({@code kluis.privacy.terms-location}), shown at {@code /terms}, whose version registration
 * records (ACC-1). Every version this installation ever showed stays readable at
 * {@code /terms/versions/<version>}.
 */
public interface TermsVersions {

	/** The version this node shows at {@code /terms}, as its document declares it. */
	String current();
}
