package io.kluis.shared.startup;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code kluis.data-dir} to an absolute, normalised path once, before anything reads it.
 * Every path derived from it (the embedded database, the master key file, blobs) then means the same
 * directory however it was written ({@code data}, {@code ./data}, {@code ../kluis/data}); H2 itself
 * refuses a database path that is implicitly relative to the working directory.
 */
public final class DataDirectory implements EnvironmentPostProcessor {

	static final String PROPERTY = "kluis.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return;
		}
		String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
		if (!absolute.equals(configured)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("kluisDataDirectory", Map.of(PROPERTY, absolute)));
		}
	}
}
