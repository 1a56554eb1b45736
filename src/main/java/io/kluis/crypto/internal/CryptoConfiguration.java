package io.kluis.crypto.internal;

import io.kluis.shared.StartupRefusal;
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

	/** Takes the master keyring first only so that a missing master key is the refusal shown first. */
	@Bean
	EpochKeyStore epochKeyStore(KeyStoreProperties properties, @Value("${kluis.data-dir}") Path dataDir,
			MasterKeyring masterKeyring) {
		var vault = properties.vault();
		if (vault.address() != null) {
			if (vault.token() == null || vault.token().isBlank()) {
				throw new StartupRefusal("The Vault key store at KLUIS_KEY_STORE_VAULT_ADDRESS needs a token: "
						+ "set KLUIS_KEY_STORE_VAULT_TOKEN");
			}
			return new VaultEpochKeyStore(vault.address(), vault.token(), vault.mount(), vault.path());
		}
		if (properties.directory() != null) {
			return new DirectoryEpochKeyStore(properties.directory());
		}
		if (!properties.defaultDirectory()) {
			throw new StartupRefusal("No key store: set KLUIS_KEY_STORE_DIR to a directory every node shares "
					+ "(or KLUIS_KEY_STORE_VAULT_ADDRESS and KLUIS_KEY_STORE_VAULT_TOKEN), kept out of the database backups");
		}
		return new DirectoryEpochKeyStore(dataDir.resolve("keys"));
	}
}
