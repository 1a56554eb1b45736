package io.kluis.privacy.register;

import java.io.InputStream;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The name customers see — the page header, mail subjects and senders' texts, the authenticator
 * entry, the API documentation's title — is the provider's name from the processing register
 * ({@code provider.name}) unless {@code kluis.branding.name} says otherwise: the register is where a
 * provider names itself once. Added as the lowest-precedence property source, so any configured
 * {@code kluis.branding.name} wins; a register that cannot be read leaves the name alone (the
 * register's own loading reports that problem).
 */
public final class ProviderNameDefault implements EnvironmentPostProcessor {

	static final String SOURCE = "kluisProviderName";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String location = environment.getProperty("kluis.privacy.register-location", "classpath:privacy/register.yml");
		try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
			JsonNode name = YAMLMapper.builder().build().readTree(in).path("provider").path("name");
			if (name.isString() && !name.asString().isBlank()) {
				environment.getPropertySources()
					.addLast(new MapPropertySource(SOURCE, Map.of("kluis.branding.name", name.asString().strip())));
			}
		}
		catch (Exception unreadable) {
			// RegisterConfiguration refuses to start with the precise problem.
		}
	}
}
