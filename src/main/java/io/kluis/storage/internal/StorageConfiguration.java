package io.kluis.storage.internal;

import io.kluis.storage.blob.BlobLocation;
import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.files.StorageProperties;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the blob store by {@code kluis.storage.blobs.backend}: the local filesystem (default) or
 * S3-compatible storage, which must declare an allowed region (EU-1). The store's location is
 * logged at start-up, so the operator sees where file contents go.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean
	BlobStore blobStore(StorageProperties properties, @Value("${kluis.data-dir}") Path dataDir) {
		var blobs = properties.blobs();
		BlobStore store = switch (blobs.backend()) {
			case "filesystem" -> new FilesystemBlobStore(
					blobs.directory() != null ? blobs.directory() : dataDir.resolve("blobs"));
			case "s3" -> S3Backend.connect(blobs);
			default -> throw new BlobStoreConfigurationException(
					List.of("kluis.storage.blobs.backend must be filesystem or s3"));
		};
		BlobLocation location = store.location();
		log.info("event=storage.blobs.location kind={} region={}", location.kind(), location.region());
		return store;
	}
}
