package io.kluis.hosting.log;

import io.kluis.hosting.HostedSites;
import io.kluis.shared.personaldata.DataSubject;
import io.kluis.shared.personaldata.Erased;
import io.kluis.shared.personaldata.ExportedCategory;
import io.kluis.shared.personaldata.PersonalDataHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hosting module's personal data so far: the page-view log (register category {@value #PAGE_VIEWS},
 * RET-4, HST-1).
 *
 * <p><b>Whose data</b>: a page view is personal data of the <em>visitor</em> (IP address, user agent,
 * what the path names), kept by the provider for breach investigation. It is not the site owner's
 * personal data. A customer's export therefore lists, per site of theirs, how many page views the
 * log holds and from when to when, and none of the visitors' addresses, user agents or paths:
 * handing those out under the customer's right of access would disclose other people's data
 * (art. 15(4) AVG). The customer's view of their own sites' log is a service feature of the panel,
 * still to come. A visitor asking about their own IP address is answered by staff through the breach
 * search (still to come), not through this holder: a {@link DataSubject} is an account or an email
 * address, never an IP.
 *
 * <p><b>Erasure</b> (account closure) deletes every page view of the customer's sites. <b>Retention</b>
 * removes page views older than the period: whole monthly partitions on PostgreSQL, rows on H2 (see
 * {@link PostgresPageViews} for why a page view may stay up to one month beyond the period). Sites and
 * owners come from {@link HostedSites}; with the interim adapter nobody owns a site yet, so export and
 * erasure find nothing until the sites code implements it.
 */
@Component
class PageViewsHolder implements PersonalDataHolder {

	static final String PAGE_VIEWS = "page-views";

	private static final Logger log = LoggerFactory.getLogger(PageViewsHolder.class);

	private final PageViewStore store;

	private final HostedSites sites;

	PageViewsHolder(PageViewStore store, HostedSites sites) {
		this.store = store;
		this.sites = sites;
	}

	@Override
	public String module() {
		return "hosting";
	}

	@Override
	public Set<String> categories() {
		return Set.of(PAGE_VIEWS);
	}

	@Override
	public Map<String, String> personalColumns() {
		return store.personalColumns(PAGE_VIEWS);
	}

	@Override
	public List<ExportedCategory> export(DataSubject subject) {
		if (subject.account() == null) {
			return List.of();
		}
		var records = store.summaries(sites.ownedBy(subject.account())).stream().map(s -> {
			var row = new LinkedHashMap<String, Object>();
			row.put("site", s.site().value());
			row.put("pageViews", s.pageViews());
			row.put("oldest", s.oldest().toString());
			row.put("newest", s.newest().toString());
			return (Map<String, Object>) row;
		}).toList();
		return List.of(ExportedCategory.of(PAGE_VIEWS, List.of("site", "pageViews", "oldest", "newest"), records));
	}

	@Override
	public Erased erase(DataSubject subject) {
		if (subject.account() == null) {
			return Erased.none();
		}
		int removed = store.eraseSites(sites.ownedBy(subject.account()));
		return removed == 0 ? Erased.none() : Erased.of(PAGE_VIEWS, removed);
	}

	@Override
	public int applyRetention(String category, Instant cutoff, boolean dryRun) {
		if (!PAGE_VIEWS.equals(category)) {
			throw new IllegalArgumentException("hosting holds no category '" + category + "'");
		}
		var expiry = store.expire(cutoff, dryRun);
		expiry.partitions().forEach((partition, rows) -> log.info(
				"event=hosting.page-views.partition-expired dryRun={} partition={} rows={}", dryRun, partition, rows));
		return (int) Math.min(Integer.MAX_VALUE, expiry.rows());
	}
}
