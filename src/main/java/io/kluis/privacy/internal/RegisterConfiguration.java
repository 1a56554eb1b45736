package io.kluis.privacy.internal;

import io.kluis.privacy.register.InvalidRegisterException;
import io.kluis.privacy.register.ProcessingRegister;
import io.kluis.privacy.register.RegisterLoader;
import io.kluis.privacy.register.RegisterValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the register at start-up and refuses to start when it is invalid. */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

	@Bean
	ProcessingRegister processingRegister(PrivacyProperties properties) {
		var register = RegisterLoader.load(properties.registerLocation());
		var problems = RegisterValidator.validate(register);
		if (!problems.isEmpty()) {
			throw new InvalidRegisterException(properties.registerLocation().getDescription(), problems);
		}
		return register;
	}
}
