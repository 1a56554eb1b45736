package io.kluis.hosting;

import io.kluis.shared.AccountId;
import java.util.List;

/**
 * The seam between the page-view log and the sites: which site ids exist and whom they belong to.
 * The sites code (issue 11, "Sites and deploys") implements it; until then the interim adapter in
 * {@code hosting.internal} knows the site ids the provider configures ({@code kluis.hosting.log.sites})
 * and no owners, so that logs of sites on the provider's own servers can be imported.
 */
public interface HostedSites {

	/** Whether the site exists, i.e. page views may be recorded and imported for it. */
	boolean exists(SiteId site);

	/**
	 * The sites of a customer, for the export and erasure of what the log holds about the customer's
	 * sites; empty when the account has none (or, with the interim adapter, always).
	 */
	List<SiteId> ownedBy(AccountId owner);
}
