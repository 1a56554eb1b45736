package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The KV v2 adapter against {@link FakeVault}, which follows the documented API. */
class VaultEpochKeyStoreUnitTests extends EpochKeyStoreContract {

	FakeVault vault;

	@BeforeEach
	void start() throws IOException {
		vault = new FakeVault();
	}

	@AfterEach
	void stop() {
		vault.close();
	}

	@Override
	EpochKeyStore store() {
		return new VaultEpochKeyStore(vault.address(), FakeVault.TOKEN, "secret", "/kluis/epochs/");
	}

	@Test
	@DisplayName("ending an epoch removes every version of its secret, not only the newest")
	void deleteRemovesEveryVersion() {
		var store = store();
		var epoch = epoch("e-1", Instant.parse("2026-12-07T00:00:00Z"));
		store.put(epoch);
		store.put(epoch.retired(Instant.parse("2026-12-08T00:00:00Z")));
		assertThat(vault.secrets.get("kluis/epochs/e-1")).hasSize(2);
		store.delete("e-1");
		assertThat(vault.secrets).doesNotContainKey("kluis/epochs/e-1");
	}

	@Test
	@DisplayName("a wrong token is an error that names the store, not the token")
	void wrongToken() {
		var store = new VaultEpochKeyStore(vault.address(), "s.wrong", "secret", "kluis/epochs");
		assertThatThrownBy(store::list).hasMessageContaining("HTTP 403").hasMessageNotContaining("s.wrong");
	}
}
