package io.kluis.storage.internal;

import io.kluis.storage.files.StorageProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Checks {@code kluis.storage.blobs.s3.*} and connects the S3 blob store. EU-1: the backend must
 * name its region, and that region must be one of {@code kluis.storage.blobs.allowed-regions};
 * otherwise Kluis refuses to start, before any request leaves the server. (Kluis cannot see where an
 * S3-compatible endpoint really is: the operator declares it with the region, and the declaration
 * is what the policy shows.)
 */
final class S3Backend {

	static final String PROMISE = "EU-1";

	/** S3's smallest part (except the last); a part is held in memory, so the largest is bounded too. */
	static final DataSize MIN_PART = DataSize.ofMegabytes(5);

	static final DataSize MAX_PART = DataSize.ofMegabytes(512);

	private S3Backend() {
	}

	/** Every problem of the configuration, each naming its property; empty when it can be used. */
	static List<String> problems(StorageProperties.Blobs blobs) {
		var s3 = blobs.s3();
		var problems = new ArrayList<String>();
		if (!StringUtils.hasText(s3.region())) {
			problems.add("kluis.storage.blobs.s3.region is not set: the S3 backend must declare its region, one of "
					+ "kluis.storage.blobs.allowed-regions (" + PROMISE + ")");
		}
		else if (!blobs.allowedRegions().contains(s3.region())) {
			problems.add("kluis.storage.blobs.s3.region '" + s3.region()
					+ "' is not one of kluis.storage.blobs.allowed-regions " + blobs.allowedRegions() + " ("
					+ PROMISE + ": all data stays in the EU)");
		}
		if (!StringUtils.hasText(s3.bucket())) {
			problems.add("kluis.storage.blobs.s3.bucket is not set");
		}
		if (StringUtils.hasText(s3.endpoint()) && endpoint(s3.endpoint()) == null) {
			problems.add("kluis.storage.blobs.s3.endpoint is not an http or https URL");
		}
		if (StringUtils.hasText(s3.accessKey()) != StringUtils.hasText(s3.secretKey())) {
			problems.add("kluis.storage.blobs.s3.access-key and kluis.storage.blobs.s3.secret-key must be set "
					+ "together (or neither, for the AWS SDK's default credentials)");
		}
		if (s3.partSize().compareTo(MIN_PART) < 0 || s3.partSize().compareTo(MAX_PART) > 0) {
			problems.add("kluis.storage.blobs.s3.part-size must be between 5MB (S3's smallest part) and 512MB "
					+ "(one part per upload is held in memory)");
		}
		return problems;
	}

	/** The S3 blob store, or the refusal to start naming every problem. */
	static S3BlobStore connect(StorageProperties.Blobs blobs) {
		List<String> problems = problems(blobs);
		if (!problems.isEmpty()) {
			throw new BlobStoreConfigurationException(problems);
		}
		var s3 = blobs.s3();
		URI endpoint = StringUtils.hasText(s3.endpoint()) ? endpoint(s3.endpoint()) : null;
		String host = endpoint == null ? "s3." + s3.region() + ".amazonaws.com"
				: endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
		return new S3BlobStore(clientBuilder(s3).build(), s3.bucket(), s3.region(), host,
				(int) s3.partSize().toBytes());
	}

	/** The client for valid settings, before it is built. */
	static S3ClientBuilder clientBuilder(StorageProperties.S3 s3) {
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(s3.region()))
			.forcePathStyle(s3.pathStyle())
			.credentialsProvider(credentials(s3))
			.httpClientBuilder(Apache5HttpClient.builder())
			// Many S3-compatible services reject the SDK's newer default of trailing checksums on
			// every upload (x-amz-trailer); TLS already protects the bytes in transit.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (StringUtils.hasText(s3.endpoint())) {
			builder.endpointOverride(endpoint(s3.endpoint()));
		}
		return builder;
	}

	private static AwsCredentialsProvider credentials(StorageProperties.S3 s3) {
		if (StringUtils.hasText(s3.accessKey())) {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

	private static @Nullable URI endpoint(String value) {
		try {
			URI uri = new URI(value.trim());
			boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
			return http && uri.getHost() != null && uri.getUserInfo() == null ? uri : null;
		}
		catch (URISyntaxException e) {
			return null;
		}
	}
}
