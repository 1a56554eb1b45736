package io.kluis.hosting.log;

import io.kluis.hosting.HostedSites;
import io.kluis.hosting.SiteId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports an access log of a site that runs on the provider's own servers into the page-view log
 * (RET-4, HST-1). Not through the buffered appender: an import must lose nothing, so it writes its
 * batches itself, each in one transaction, and waits for each. Every line is accounted for in the
 * {@link LogImportReport}: loaded, blank, or rejected with its number and reason. Importing the same
 * file twice stores it twice (a log line has no identity to recognise it by); the report says what
 * was loaded, so that is a decision, not an accident.
 */
@Service
public class PageViewImport {

	private static final Logger log = LoggerFactory.getLogger(PageViewImport.class);

	private final PageViewStore store;

	private final HostedSites sites;

	private final PageViewLogProperties properties;

	PageViewImport(PageViewStore store, HostedSites sites, PageViewLogProperties properties) {
		this.store = store;
		this.sites = sites;
		this.properties = properties;
	}

	/**
	 * @param domain the domain for lines that name none (plain combined format), or {@code null}
	 * @param keepQuery whether query strings are kept (the site's owner turned it on)
	 * @throws UnknownSiteException when {@link HostedSites} does not know the site
	 */
	public LogImportReport importLog(SiteId site, InputStream in, @Nullable String domain, boolean keepQuery)
			throws IOException {
		if (!sites.exists(site)) {
			throw new UnknownSiteException(site);
		}
		var parser = new LogLineParser(site, domain, keepQuery);
		var rejected = new ArrayList<LogImportReport.Rejected>();
		var batch = new ArrayList<PageView>(properties.batchSize());
		long number = 0;
		long loaded = 0;
		long blank = 0;
		long batchStart = 1;
		var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			number++;
			if (line.isBlank()) {
				blank++;
				continue;
			}
			try {
				batch.add(parser.parse(line));
			}
			catch (MalformedLine e) {
				rejected.add(new LogImportReport.Rejected(number, e.getMessage()));
			}
			if (batch.size() >= properties.batchSize()) {
				var stopped = write(batch, batchStart);
				if (stopped != null) {
					return report(number, loaded, blank, rejected, stopped);
				}
				loaded += batch.size();
				batch.clear();
				batchStart = number + 1;
			}
		}
		var stopped = write(batch, batchStart);
		if (stopped == null) {
			loaded += batch.size();
		}
		return report(number, loaded, blank, rejected, stopped);
	}

	private LogImportReport.@Nullable Stopped write(List<PageView> batch, long firstLine) {
		if (batch.isEmpty()) {
			return null;
		}
		try {
			store.write(batch);
			return null;
		}
		catch (RuntimeException e) {
			log.warn("event=hosting.page-views.import-failed fromLine={} error={}", firstLine,
					e.getClass().getSimpleName());
			return new LogImportReport.Stopped(firstLine,
					"the database write of the batch starting here failed (" + e.getClass().getSimpleName() + ")");
		}
	}

	private static LogImportReport report(long lines, long loaded, long blank, List<LogImportReport.Rejected> rejected,
			LogImportReport.@Nullable Stopped stopped) {
		// Lines after a failed batch were read for the count but not loaded; rejected ones are still listed.
		var listed = stopped == null ? rejected
				: rejected.stream().filter(r -> r.line() < stopped.line()).toList();
		return new LogImportReport(lines, loaded, blank, listed, stopped);
	}

	/** The site is not one {@link HostedSites} knows. */
	public static class UnknownSiteException extends RuntimeException {

		UnknownSiteException(SiteId site) {
			super("unknown site " + site);
		}
	}
}
