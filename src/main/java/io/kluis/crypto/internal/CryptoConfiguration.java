package io.kluis.crypto.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

	@Bean
	MasterKeyring masterKeyring(CryptoProperties properties, @Value("${kluis.data-dir}") Path dataDir) {
		return MasterKeyring.load(properties, dataDir.resolve("master.key"));
	}
}
