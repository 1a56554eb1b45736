package io.kluis.storage.files;

import io.kluis.shared.jobs.Jobs;
import io.kluis.storage.blob.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cleans up after crashes and broken-off uploads: deletes the blobs the journal lists as garbage or
 * as uploads abandoned longer than {@code kluis.storage.unfinished-upload-age} ago, the blob store's
 * temporary data of that age, and the temporary files of single-request uploads not written to for
 * {@code kluis.storage.stale-part-age} (a process killed mid-upload left them; one in progress on
 * any node writes to its file continuously). Runs at start-up and every ten minutes on every node,
 * without the job lock: the temporary files may be the node's own (a node-local blob directory),
 * and the rest is safe on several nodes at once (deleting twice is harmless, and a blob is only
 * journalled while no row names it).
 */
@Component
public class BlobSweep {

	private static final Logger log = LoggerFactory.getLogger(BlobSweep.class);

	private final BlobJournal journal;

	private final Nodes nodes;

	private final BlobStore blobs;

	private final StorageProperties properties;

	private final Clock clock;

	private final Uploads uploads;

	private final FileContents contents;

	private final Jobs jobs;

	BlobSweep(BlobJournal journal, Nodes nodes, BlobStore blobs, StorageProperties properties, Uploads uploads,
			FileContents contents, Clock clock, Jobs jobs) {
		this.jobs = jobs;
		this.contents = contents;
		this.uploads = uploads;
		this.journal = journal;
		this.nodes = nodes;
		this.blobs = blobs;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT10M")
	public void scheduled() {
		jobs.run("storage.sweep", this::sweep);
	}

	/** Returns how many blobs and temporary uploads it removed. */
	public int sweep() {
		Instant abandoned = clock.instant().minus(properties.unfinishedUploadAge());
		int removed = uploads.sweep(abandoned);
		for (String blob : journal.sweepable(abandoned, 1000)) {
			try {
				if (!nodes.blobReferenced(blob)) {
					contents.delete(blob);
					removed++;
				}
				journal.forget(blob);
			}
			catch (IOException | RuntimeException e) {
				log.warn("event=storage.sweep.blob-failed type={}", e.getClass().getSimpleName());
			}
		}
		try {
			removed += blobs.sweepUnfinished(abandoned);
			removed += blobs.sweepAbandonedWrites(clock.instant().minus(properties.stalePartAge()));
		}
		catch (IOException e) {
			log.warn("event=storage.sweep.temp-failed type={}", e.getClass().getSimpleName());
		}
		if (removed > 0) {
			log.info("event=storage.sweep removed={}", removed);
		}
		return removed;
	}
}
