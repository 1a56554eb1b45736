package io.kluis.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3-compatible server for tests: S3Proxy (from Maven Central) with its in-memory blob store,
 * on a free loopback port, once per test JVM. S3Proxy bundles its own Jetty, Jackson, Guava and
 * Logback, so it runs in a class loader of its own (the self-contained jar that the build copies to
 * {@code target/s3proxy}, see the pom) and shares nothing with the application under test.
 */
public final class S3TestServer {

	public static final String REGION = "eu-central-1";

	public static final String ACCESS_KEY = "kluis-test";

	public static final String SECRET_KEY = "kluis-test-secret";

	private static S3TestServer running;

	/** jclouds logs through java.util.logging; a test that breaks off an upload on purpose need not show it. */
	private static final java.util.logging.Logger JCLOUDS = java.util.logging.Logger.getLogger("org.jclouds");

	private final URI endpoint;

	private S3TestServer(URI endpoint) {
		this.endpoint = endpoint;
	}

	/** The server, started on first use. */
	public static synchronized S3TestServer get() {
		if (running == null) {
			running = new S3TestServer(start());
		}
		return running;
	}

	public URI endpoint() {
		return endpoint;
	}

	/** A client of this server, path-style and with the test credentials; close it after use. */
	public S3Client client() {
		return clientBuilder(REGION).build();
	}

	/** The builder of {@link #client()}, to add to it. */
	public S3ClientBuilder clientBuilder(String region) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.of(region))
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
	}

	/** A new, empty bucket: every test class or context gets its own. */
	public String newBucket() {
		String bucket = "kluis-" + UUID.randomUUID();
		// S3Proxy's in-memory store knows no locations, and the SDK sends one for any region but us-east-1
		try (S3Client s3 = clientBuilder("us-east-1").build()) {
			s3.createBucket(b -> b.bucket(bucket));
		}
		return bucket;
	}

	/** The {@code kluis.storage.blobs.*} properties of an S3 backend on a new bucket of this server. */
	public String[] backendProperties() {
		return new String[] { "kluis.storage.blobs.backend=s3", "kluis.storage.blobs.s3.endpoint=" + endpoint,
				"kluis.storage.blobs.s3.region=" + REGION, "kluis.storage.blobs.s3.bucket=" + newBucket(),
				"kluis.storage.blobs.s3.access-key=" + ACCESS_KEY, "kluis.storage.blobs.s3.secret-key=" + SECRET_KEY,
				"kluis.storage.blobs.s3.path-style=true", "kluis.storage.blobs.s3.part-size=5MB" };
	}

	/**
	 * Puts a test context's blobs on this server, in a bucket of its own:
	 * {@code @ContextConfiguration(initializers = S3TestServer.Backend.class)}.
	 */
	public static class Backend implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of(get().backendProperties()).applyTo(context);
		}
	}

	private static URI start() {
		Path jar = Path.of(System.getProperty("kluis.test.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("S3Proxy is missing at " + jar + ": run the tests through Maven "
					+ "(./mvnw test), whose generate-test-resources phase copies it there");
		}
		JCLOUDS.setLevel(java.util.logging.Level.OFF);
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try {
			URLClassLoader loader = new URLClassLoader("s3proxy", new URL[] { quietLogging(), jar.toUri().toURL() },
					ClassLoader.getPlatformClassLoader());
			// jclouds finds its providers through the context class loader
			Thread.currentThread().setContextClassLoader(loader);
			Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
			Object context = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "transient");
			context = contextBuilder.getMethod("credentials", String.class, String.class)
				.invoke(context, "identity", "credential");
			Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
			Object blobStoreContext = contextBuilder.getMethod("build", Class.class).invoke(context, contextType);
			Object blobStore = contextType.getMethod("getBlobStore").invoke(blobStoreContext);

			Class<?> proxyType = loader.loadClass("org.gaul.s3proxy.S3Proxy");
			Object builder = proxyType.getMethod("builder").invoke(null);
			Class<?> builderType = builder.getClass();
			builderType.getMethod("blobStore", loader.loadClass("org.jclouds.blobstore.BlobStore"))
				.invoke(builder, blobStore);
			builderType.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:0"));
			Class<?> authenticationType = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
			Object v4 = authenticationType.getMethod("valueOf", String.class).invoke(null, "AWS_V2_OR_V4");
			builderType.getMethod("awsAuthentication", authenticationType, String.class, String.class)
				.invoke(builder, v4, ACCESS_KEY, SECRET_KEY);
			Object proxy = builderType.getMethod("build").invoke(builder);
			proxyType.getMethod("start").invoke(proxy);
			Method port = proxyType.getMethod("getPort");
			return URI.create("http://127.0.0.1:" + port.invoke(proxy));
		}
		catch (InvocationTargetException e) {
			throw new IllegalStateException("S3Proxy did not start", e.getCause());
		}
		catch (ReflectiveOperationException | MalformedURLException e) {
			throw new IllegalStateException("S3Proxy did not start", e);
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	/** A directory with a Logback configuration for S3Proxy's own Logback: warnings only. */
	private static URL quietLogging() throws MalformedURLException {
		try {
			Path directory = Files.createDirectories(Path.of("target", "s3proxy", "conf"));
			Files.writeString(directory.resolve("logback-test.xml"), """
					<configuration>
					  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
					    <encoder><pattern>[s3proxy] %level %logger{20} %msg%n</pattern></encoder>
					  </appender>
					  <root level="WARN"><appender-ref ref="out"/></root>
					</configuration>
					""");
			return directory.toUri().toURL();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
