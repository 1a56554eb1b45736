package io.kluis.storage.privacy;

import io.kluis.shared.AccountId;
import io.kluis.storage.dav.DavRecords;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Nodes;
import io.kluis.storage.files.ReadOnlyStorage;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Uploads;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The register's {@code stored-files} rule with trigger {@code service_ended}: when a storage plan
 * ended ({@link ReadOnlyStorage.Reason#SERVICE_ENDED}, set by {@code StoragePlans} and lifted by a new
 * plan) before the cutoff, every space of the customer is erased the way account closure erases it
 * — files, folders, trash, properties, locks, share links on them, uploads in progress and the blobs
 * nothing else names. The account stays, and so does the read-only state: the storage is empty and
 * read-only until the customer orders a plan.
 *
 * <p>Measured from the moment the storage became read-only (the {@code since} of that row, from the
 * injected clock when the plan ended), not from the subscription's end date, so a term-end job that
 * ran late never shortens the customer's period. A customer whose spaces are gone is not found again,
 * so a second run removes nothing; an empty default vault the panel created meanwhile is removed too
 * (it counts zero). The count is files and folders, live and trashed, as erasure counts them.
 */
@Component
class EndedPlanFiles {

	private static final Logger log = LoggerFactory.getLogger(EndedPlanFiles.class);

	private final ReadOnlyStorage readOnly;

	private final Spaces spaces;

	private final FileTree tree;

	private final Nodes nodes;

	private final Uploads uploads;

	private final DavRecords dav;

	EndedPlanFiles(ReadOnlyStorage readOnly, Spaces spaces, FileTree tree, Nodes nodes, Uploads uploads,
			DavRecords dav) {
		this.readOnly = readOnly;
		this.spaces = spaces;
		this.tree = tree;
		this.nodes = nodes;
		this.uploads = uploads;
		this.dav = dav;
	}

	/** Erases (or with {@code dryRun} counts) the files of every plan that ended before {@code cutoff}. */
	int apply(Instant cutoff, boolean dryRun) {
		int count = 0;
		int customers = 0;
		for (AccountId account : readOnly.sinceBefore(ReadOnlyStorage.Reason.SERVICE_ENDED, cutoff)) {
			var existing = spaces.existing(account);
			if (existing.isEmpty()) {
				continue;
			}
			customers++;
			if (dryRun) {
				count += existing.stream().mapToInt(nodes::countInSpace).sum();
				continue;
			}
			uploads.abortAll(account);
			for (Space space : existing) {
				var erased = tree.eraseSpace(space);
				count += erased.live() + erased.trashed();
			}
			dav.eraseLocks(account);
		}
		if (!dryRun && customers > 0) {
			log.info("event=storage.ended-plan-files-erased customers={} items={}", customers, count);
		}
		return count;
	}
}
