package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.shared.StartupRefusal;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which key store the configuration selects, and what it refuses. */
class KeyStoreSelectionUnitTests {

	static final Path DATA = Path.of("/srv/kluis-data");

	static final MasterKeyring KEYS = MasterKeyring.parse(MasterKeyring.newEntry("1"), "test");

	static KeyStoreProperties.Vault noVault() {
		return new KeyStoreProperties.Vault(null, null, "secret", "kluis/epochs");
	}

	@Test
	@DisplayName("without settings the key store is <data dir>/keys; KLUIS_KEY_STORE_DIR moves it")
	void directory() {
		var configuration = new CryptoConfiguration();
		assertThat(configuration.epochKeyStore(new KeyStoreProperties(null, noVault(), true), DATA, KEYS).describe())
			.isEqualTo("directory /srv/kluis-data/keys");
		assertThat(configuration.epochKeyStore(new KeyStoreProperties(Path.of("/srv/keys"), noVault(), true), DATA, KEYS)
			.describe()).isEqualTo("directory /srv/keys");
	}

	@Test
	@DisplayName("a Vault address selects the KV v2 store, which needs a token")
	void vault() {
		var configuration = new CryptoConfiguration();
		var vault = new KeyStoreProperties.Vault(URI.create("https://bao.internal:8200"), "s.token", "kv", "kluis/epochs");
		assertThat(configuration.epochKeyStore(new KeyStoreProperties(null, vault, false), DATA, KEYS))
			.isInstanceOf(VaultEpochKeyStore.class);
		var withoutToken = new KeyStoreProperties.Vault(URI.create("https://bao.internal:8200"), " ", "kv", "kluis/epochs");
		assertThatThrownBy(() -> configuration.epochKeyStore(new KeyStoreProperties(null, withoutToken, true), DATA, KEYS))
			.isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("KLUIS_KEY_STORE_VAULT_TOKEN");
	}

	@Test
	@DisplayName("the prod profile names no default: without a key store it refuses to start")
	void prodNeedsAnExplicitKeyStore() {
		assertThatThrownBy(() -> new CryptoConfiguration().epochKeyStore(new KeyStoreProperties(null, noVault(), false),
				DATA, KEYS))
			.isInstanceOf(StartupRefusal.class)
			.hasMessageStartingWith("No key store: set KLUIS_KEY_STORE_DIR");
	}
}
