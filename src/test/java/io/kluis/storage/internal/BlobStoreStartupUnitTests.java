package io.kluis.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.storage.blob.BlobStore;
import io.kluis.storage.files.StorageProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * EU-1: the blob store is chosen by configuration, declares its location, and an S3 backend outside
 * the allowed regions stops the start with a message that names the property and holds no secret.
 * The context holds only the storage configuration: the refusal comes before any request to S3.
 */
class BlobStoreStartupUnitTests {

	private static final String SECRET = "wJalrXUtnFEMI-not-a-real-secret";

	@TempDir
	Path dataDir;

	@Test
	@DisplayName("EU-1: by default blobs go to the local filesystem under the data directory, which declares itself local")
	void filesystemByDefault() {
		runner().run(context -> {
			assertThat(context).hasNotFailed();
			BlobStore store = context.getBean(BlobStore.class);
			assertThat(store).isInstanceOf(FilesystemBlobStore.class);
			assertThat(((FilesystemBlobStore) store).root()).isEqualTo(dataDir.resolve("blobs").toRealPath());
			assertThat(store.location().kind()).isEqualTo("filesystem");
		});
	}

	@Test
	@DisplayName("EU-1: an S3 backend in an allowed EU region starts and declares kind s3 and its region")
	void s3InAnAllowedRegionStarts() {
		runner(s3("eu-west-1")).run(context -> {
			assertThat(context).hasNotFailed();
			BlobStore store = context.getBean(BlobStore.class);
			assertThat(store).isInstanceOf(S3BlobStore.class);
			assertThat(store.location().kind()).isEqualTo("s3");
			assertThat(store.location().region()).isEqualTo("eu-west-1");
			assertThat(store.location().description()).contains("s3.example.eu").doesNotContain(SECRET);
		});
	}

	@Test
	@DisplayName("EU-1: Kluis refuses to start when the S3 region is outside the allowed EU regions")
	void s3OutsideTheAllowedRegionsStopsTheStart() {
		assertThat(refusal(s3("us-east-1"))).contains(
				"kluis.storage.blobs.s3.region 'us-east-1' is not one of kluis.storage.blobs.allowed-regions",
				"EU-1");
	}

	@Test
	@DisplayName("EU-1: Kluis refuses to start when the S3 backend does not declare its region")
	void s3WithoutARegionStopsTheStart() {
		assertThat(refusal(List.of("kluis.storage.blobs.backend=s3", "kluis.storage.blobs.s3.bucket=files",
				"kluis.storage.blobs.s3.access-key=AKIDEXAMPLE", "kluis.storage.blobs.s3.secret-key=" + SECRET)))
			.contains("kluis.storage.blobs.s3.region is not set");
	}

	@Test
	@DisplayName("EU-1: the operator's own allowed-regions list is what counts, not the built-in one")
	void theConfiguredAllowedRegionsCount() {
		var properties = new java.util.ArrayList<>(s3("eu-central-1"));
		properties.add("kluis.storage.blobs.allowed-regions=nl-ams,fr-par");
		assertThat(refusal(properties)).contains("'eu-central-1' is not one of kluis.storage.blobs.allowed-regions [nl-ams, fr-par]");
	}

	@Test
	@DisplayName("A missing bucket, half-set credentials, a bad endpoint and a too-small part size are all named at once")
	void everyProblemIsNamed() {
		String message = refusal(List.of("kluis.storage.blobs.backend=s3", "kluis.storage.blobs.s3.region=eu-west-1",
				"kluis.storage.blobs.s3.endpoint=ftp://" + SECRET + "@host", "kluis.storage.blobs.s3.secret-key=" + SECRET,
				"kluis.storage.blobs.s3.part-size=1MB"));
		assertThat(message).contains("kluis.storage.blobs.s3.bucket is not set",
				"kluis.storage.blobs.s3.access-key and kluis.storage.blobs.s3.secret-key must be set together",
				"kluis.storage.blobs.s3.endpoint is not an http or https URL",
				"kluis.storage.blobs.s3.part-size must be between 5MB");
	}

	@Test
	@DisplayName("An unknown backend stops the start")
	void unknownBackendStopsTheStart() {
		assertThat(refusal(List.of("kluis.storage.blobs.backend=tape")))
			.contains("kluis.storage.blobs.backend must be filesystem or s3");
	}

	private static List<String> s3(String region) {
		return List.of("kluis.storage.blobs.backend=s3", "kluis.storage.blobs.s3.endpoint=https://s3.example.eu",
				"kluis.storage.blobs.s3.region=" + region, "kluis.storage.blobs.s3.bucket=kluis-files",
				"kluis.storage.blobs.s3.access-key=AKIDEXAMPLE", "kluis.storage.blobs.s3.secret-key=" + SECRET);
	}

	/** The message with which the start failed; it never holds the secret key. */
	private String refusal(List<String> properties) {
		var message = new StringBuilder();
		runner(properties.toArray(String[]::new)).run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof BlobStoreConfigurationException)) {
				failure = failure.getCause();
			}
			assertThat(failure).as("the start fails on the blob store's configuration").isNotNull();
			message.append(failure.getMessage());
		});
		assertThat(message.toString()).doesNotContain(SECRET);
		return message.toString();
	}

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner().withUserConfiguration(Properties.class, StorageConfiguration.class)
			.withPropertyValues("kluis.data-dir=" + dataDir)
			.withPropertyValues(properties);
	}

	private ApplicationContextRunner runner(List<String> properties) {
		return runner(properties.toArray(String[]::new));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StorageProperties.class)
	static class Properties {
	}
}
