package io.kluis.shared.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryUnitTests {

	@Test
	void aDataDirectoryWithoutDotSlashMeansTheSameAsWithIt() {
		assertThat(resolved("data")).isEqualTo(resolved("./data"))
			.isEqualTo(Path.of("data").toAbsolutePath().normalize().toString());
		assertThat(Path.of(resolved("data"))).isAbsolute();
	}

	@Test
	void theEmbeddedDatabaseUrlBuiltFromItIsAbsolute() {
		var environment = environment("data");
		environment.getPropertySources().addLast(new MapPropertySource("yml",
				Map.of("spring.datasource.url", "jdbc:h2:file:${kluis.data-dir}/db/kluis")));
		new DataDirectory().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:" + Path.of("data").toAbsolutePath() + "/db/kluis");
	}

	@Test
	void anAbsoluteDirectoryIsLeftAsItIs() {
		assertThat(resolved("/var/lib/kluis")).isEqualTo("/var/lib/kluis");
	}

	private static String resolved(String configured) {
		var environment = environment(configured);
		new DataDirectory().postProcessEnvironment(environment, new SpringApplication());
		return environment.getProperty("kluis.data-dir");
	}

	private static StandardEnvironment environment(String configured) {
		var environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("kluis.data-dir", configured)));
		return environment;
	}
}
