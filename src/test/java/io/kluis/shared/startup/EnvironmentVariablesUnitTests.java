package io.kluis.shared.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every environment variable the README documents binds to the setting it describes, in the
 * embedded default and in the {@code prod} profile. (It did not: {@code KLUIS_MASTER_KEY} bound to
 * nothing, so a node given the documented variable generated a key of its own.) The variables are
 * read from the README itself, so a newly documented one without a binding fails here.
 */
class EnvironmentVariablesUnitTests {

	/** Each documented variable and the property it must set. */
	static final Map<String, String> BINDINGS = Map.ofEntries(
			Map.entry("KLUIS_DATA_DIR", "kluis.data-dir"),
			Map.entry("KLUIS_BASE_URL", "kluis.base-url"),
			Map.entry("KLUIS_DB_URL", "spring.datasource.url"),
			Map.entry("KLUIS_DB_USER", "spring.datasource.username"),
			Map.entry("KLUIS_DB_PASSWORD", "spring.datasource.password"),
			Map.entry("KLUIS_DB_POOL_SIZE", "spring.datasource.hikari.maximum-pool-size"),
			Map.entry("KLUIS_MASTER_KEY", "kluis.crypto.master-key"),
			Map.entry("KLUIS_MASTER_KEY_FILE", "kluis.crypto.master-key-file"),
			Map.entry("KLUIS_KEY_STORE_DIR", "kluis.crypto.key-store.directory"),
			Map.entry("KLUIS_KEY_STORE_VAULT_ADDRESS", "kluis.crypto.key-store.vault.address"),
			Map.entry("KLUIS_KEY_STORE_VAULT_TOKEN", "kluis.crypto.key-store.vault.token"),
			Map.entry("KLUIS_EPOCH_LENGTH", "kluis.crypto.epochs.length"),
			Map.entry("KLUIS_BACKUP_RETENTION", "kluis.crypto.epochs.backup-retention"),
			Map.entry("KLUIS_BEHIND_TLS_PROXY", "kluis.behind-tls-proxy"),
			Map.entry("KLUIS_FORWARD_HEADERS_STRATEGY", "server.forward-headers-strategy"),
			Map.entry("KLUIS_STORAGE_BLOBS_BACKEND", "kluis.storage.blobs.backend"),
			Map.entry("KLUIS_STORAGE_BLOBS_DIRECTORY", "kluis.storage.blobs.directory"),
			Map.entry("KLUIS_STORAGE_BLOBS_S3_ENDPOINT", "kluis.storage.blobs.s3.endpoint"),
			Map.entry("KLUIS_STORAGE_BLOBS_S3_REGION", "kluis.storage.blobs.s3.region"),
			Map.entry("KLUIS_STORAGE_BLOBS_S3_BUCKET", "kluis.storage.blobs.s3.bucket"),
			Map.entry("KLUIS_STORAGE_BLOBS_S3_ACCESS_KEY", "kluis.storage.blobs.s3.access-key"),
			Map.entry("KLUIS_STORAGE_BLOBS_S3_SECRET_KEY", "kluis.storage.blobs.s3.secret-key"),
			Map.entry("KLUIS_STORAGE_CONTENT_ORIGIN", "kluis.storage.content-origin"),
			Map.entry("KLUIS_BILLING_MOLLIE_API_KEY", "kluis.billing.mollie.api-key"),
			Map.entry("KLUIS_HOSTING_LOG_SITES", "kluis.hosting.log.sites"));

	/** A variable name standing on its own (not the tail of e.g. the cookie name __Host-KLUIS_SESSION). */
	static final Pattern VARIABLE = Pattern.compile("(?<![\\w-])KLUIS_[A-Z0-9_]*[A-Z0-9]");

	@ParameterizedTest(name = "profile {0}")
	@ValueSource(strings = { "default", "prod" })
	@DisplayName("every environment variable the README documents sets its property")
	void everyDocumentedVariableBinds(String profile) throws IOException {
		Set<String> documented = documentedVariables();
		assertThat(BINDINGS.keySet()).as("variables the README documents (add a binding here and in application.yml)")
			.containsAll(documented);

		Map<String, Object> variables = new HashMap<>();
		BINDINGS.keySet().forEach(name -> variables.put(name, value(name)));
		var binder = binder(profile, variables);
		for (var binding : BINDINGS.entrySet()) {
			String bound = binder.bind(binding.getValue(), Bindable.of(String.class)).orElse(null);
			assertThat(bound).as(binding.getKey() + " -> " + binding.getValue() + " in profile " + profile)
				.isEqualTo(value(binding.getKey()));
		}
	}

	@ParameterizedTest(name = "profile {0}")
	@ValueSource(strings = { "default", "prod" })
	@DisplayName("without the variables the defaults hold: no inline master key, no proxy, headers not trusted")
	void defaultsWithoutVariables(String profile) throws IOException {
		var binder = binder(profile, Map.of());
		assertThat(binder.bind("kluis.crypto.master-key", String.class).orElse("")).isEmpty();
		assertThat(binder.bind("kluis.behind-tls-proxy", Boolean.class).orElse(false)).isFalse();
		assertThat(binder.bind("server.forward-headers-strategy", String.class).get()).isEqualTo("none");
		assertThat(binder.bind("kluis.crypto.generate-master-key", Boolean.class).orElse(true))
			.as("the prod profile never generates a master key").isEqualTo(!"prod".equals(profile));
		assertThat(binder.bind("kluis.crypto.key-store.default-directory", Boolean.class).orElse(true))
			.as("the prod profile needs a key store named explicitly").isEqualTo(!"prod".equals(profile));
		assertThat(binder.bind("server.ssl.enabled-protocols", String[].class).isBound())
			.as("no server.ssl.* in a profile: it would switch TLS on behind a proxy").isFalse();
	}

	private static String value(String variable) {
		return switch (variable) {
			case "KLUIS_BEHIND_TLS_PROXY" -> "true";
			case "KLUIS_DB_POOL_SIZE" -> "7";
			case "KLUIS_FORWARD_HEADERS_STRATEGY" -> "native";
			default -> "/value/of/" + variable.toLowerCase();
		};
	}

	private static Binder binder(String profile, Map<String, Object> variables) throws IOException {
		var environment = new StandardEnvironment();
		var sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				variables));
		var loader = new YamlPropertySourceLoader();
		if ("prod".equals(profile)) {
			loader.load("application-prod", new ClassPathResource("application-prod.yml")).forEach(sources::addLast);
		}
		loader.load("application", new ClassPathResource("application.yml")).forEach(sources::addLast);
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment);
	}

	static Set<String> documentedVariables() throws IOException {
		var found = new TreeSet<String>();
		var matcher = VARIABLE.matcher(Files.readString(Path.of("README.md")));
		while (matcher.find()) {
			found.add(matcher.group());
		}
		assertThat(found).as("the README documents environment variables").contains("KLUIS_MASTER_KEY", "KLUIS_DB_URL");
		return found;
	}
}
