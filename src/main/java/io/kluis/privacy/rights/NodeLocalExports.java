package io.kluis.privacy.rights;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Export ZIPs that versions before the shared export store wrote to {@code <data dir>/exports/} of
 * the node that built them. Nothing reads them any more (their rows were removed by the migration
 * that introduced {@link ExportFiles}'s table), so each node deletes its own once after start-up:
 * encrypted copies of personal data must not linger past their 7 days.
 */
@Component
class NodeLocalExports {

	private static final Logger log = LoggerFactory.getLogger(NodeLocalExports.class);

	private final Path directory;

	NodeLocalExports(@Value("${kluis.data-dir}") Path dataDir) {
		this.directory = dataDir.resolve("exports");
	}

	/** Deletes the old export files and their directory; returns how many files. */
	int delete() {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.{zip.enc,tmp}")) {
			for (Path file : files) {
				Files.deleteIfExists(file);
				deleted++;
			}
		}
		catch (IOException e) {
			log.warn("event=privacy.export.local-cleanup-failed error={}", e.getClass().getSimpleName());
			return deleted;
		}
		try {
			Files.deleteIfExists(directory);
		}
		catch (IOException e) {
			// Not empty: something else lives there; leave it.
		}
		if (deleted > 0) {
			log.info("event=privacy.export.local-files-deleted count={}", deleted);
		}
		return deleted;
	}
}
