package io.kluis.hosting.internal;

import io.kluis.hosting.HostedSites;
import io.kluis.hosting.SiteId;
import io.kluis.hosting.log.PageViewLogProperties;
import io.kluis.shared.AccountId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The interim {@link HostedSites}: the site ids listed in {@code kluis.hosting.log.sites} (sites the
 * provider runs on its own servers and imports logs of), with no owners. It is replaced, not extended,
 * when the sites code arrives: that code knows its sites and their owners from its own tables. Until
 * then a customer's export and erasure find no sites of theirs (retention still removes every page
 * view after its period).
 */
@Component
class ConfiguredSites implements HostedSites {

	private final Set<SiteId> sites;

	ConfiguredSites(PageViewLogProperties properties) {
		this.sites = properties.sites().stream().map(SiteId::of).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public boolean exists(SiteId site) {
		return sites.contains(site);
	}

	@Override
	public List<SiteId> ownedBy(AccountId owner) {
		return List.of();
	}
}
