package io.kluis.storage.files;

import io.kluis.shared.StartupRefusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kluis.storage.*}.
 *
 * @param defaultQuota bytes a customer may store (live files and trash together) unless their plan
 *        says otherwise
 * @param maxSpaces how many spaces a customer may have
 * @param unfinishedUploadAge an upload that started this long ago and never completed is abandoned
 *        and its temporary data swept
 * @param maxPropfindEntries a {@code PROPFIND} with {@code Depth: infinity} on a larger tree is
 *        refused with {@code propfind-finite-depth} (clients then walk with depth 1)
 * @param maxLockTimeout the longest lock a WebDAV client gets, whatever it asks for
 * @param blobs where file contents are kept
 * @param smallFileLimit files up to this size are kept in the database, written with their row in
 *        one transaction (no blob file, no fsync of their own); {@code 0} keeps every file in the
 *        blob store. At most 1 MB.
 * @param maxOpenUploads how many resumable uploads a customer may have in progress at once; one
 *        more is refused (429) until one is completed, cancelled or swept
 * @param stalePartAge a temporary file of a single-request upload ({@code blobs/.tmp/*.part}) not
 *        written to for this long belongs to an upload whose process died (one in progress, on any
 *        node sharing the directory, writes to it continuously) and is swept
 * @param maxDeadProperties how many properties a WebDAV client may set ({@code PROPPATCH}) on one
 *        file or folder
 * @param maxDeadPropertyBytes how many bytes those properties may take together on one file or
 *        folder; they count toward the customer's quota too
 */
@ConfigurationProperties("kluis.storage")
public record StorageProperties(@DefaultValue("10GB") DataSize defaultQuota, @DefaultValue("20") int maxSpaces,
		@DefaultValue("24h") Duration unfinishedUploadAge,
		@DefaultValue("10000") int maxPropfindEntries, @DefaultValue("1h") Duration maxLockTimeout,
		@DefaultValue Blobs blobs, @DefaultValue("64KB") DataSize smallFileLimit,
		@DefaultValue("20") int maxOpenUploads, @DefaultValue("1h") Duration stalePartAge,
		@DefaultValue("100") int maxDeadProperties, @DefaultValue("128KB") DataSize maxDeadPropertyBytes) {

	/** The largest small-file limit: beyond it a file belongs in the blob store, not in a database row. */
	static final long MAX_SMALL_FILE_LIMIT = 1024 * 1024;

	public StorageProperties {
		if (smallFileLimit.toBytes() < 0 || smallFileLimit.toBytes() > MAX_SMALL_FILE_LIMIT) {
			throw new StartupRefusal("kluis.storage.small-file-limit must be between 0 and 1MB");
		}
	}

	/**
	 * @param backend {@code filesystem} (default) or {@code s3}
	 * @param directory the filesystem backend's directory (default {@code <data dir>/blobs})
	 * @param allowedRegions the regions an S3 backend may be in (EU-1): Kluis refuses to start with
	 *        any other
	 * @param s3 the S3-compatible backend
	 */
	public record Blobs(@DefaultValue("filesystem") String backend, @Nullable Path directory,
			@DefaultValue({ "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1",
					"eu-south-2", "eu-north-1", "nl-ams", "fr-par", "pl-waw", "de", "gra", "sbg", "waw",
					"fsn1", "nbg1", "hel1" }) List<String> allowedRegions,
			@DefaultValue S3 s3) {
	}

	/**
	 * @param endpoint the S3 endpoint URL (empty: AWS for the region)
	 * @param region the bucket's region, checked against {@code allowed-regions}
	 * @param bucket the bucket
	 * @param accessKey access key id
	 * @param secretKey secret access key
	 * @param pathStyle path-style addressing (most S3-compatible servers need it)
	 * @param partSize multipart upload part size: memory per concurrent upload
	 */
	public record S3(@Nullable String endpoint, @Nullable String region, @Nullable String bucket,
			@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("true") boolean pathStyle,
			@DefaultValue("8MB") DataSize partSize) {

		@Override
		public String toString() {
			return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
		}
	}
}
