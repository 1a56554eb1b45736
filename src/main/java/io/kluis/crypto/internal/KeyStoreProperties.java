package io.kluis.crypto.internal;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.crypto.key-store.*}: where epoch keys are kept, outside the database.
 *
 * @param directory a directory shared by every node ({@code KLUIS_KEY_STORE_DIR}); default {@code <data dir>/keys}
 * @param vault an OpenBao / Vault KV v2 engine instead; used when its address is set
 * @param defaultDirectory whether {@code <data dir>/keys} may be used when neither is set (the
 *        {@code prod} profile says no: every node must be pointed at the one shared key store)
 */
@ConfigurationProperties("kluis.crypto.key-store")
record KeyStoreProperties(@Nullable Path directory, @DefaultValue Vault vault,
		@DefaultValue("true") boolean defaultDirectory) {

	/**
	 * @param address e.g. {@code https://bao.internal:8200} ({@code KLUIS_KEY_STORE_VAULT_ADDRESS})
	 * @param token ({@code KLUIS_KEY_STORE_VAULT_TOKEN})
	 * @param mount the KV v2 engine's mount
	 * @param path the folder of the epoch secrets within it
	 */
	record Vault(@Nullable URI address, @Nullable String token, @DefaultValue("secret") String mount,
			@DefaultValue("kluis/epochs") String path) {
	}
}
