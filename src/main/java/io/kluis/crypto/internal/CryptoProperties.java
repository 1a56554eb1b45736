package io.kluis.crypto.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kluis.crypto.*}.
 *
 * @param masterKey keyring inline ({@code KLUIS_MASTER_KEY}): comma-separated {@code id:base64(32 bytes)}
 *        entries, the last one active. Takes precedence over the file.
 * @param masterKeyFile keyring file, one {@code id:base64} entry per line, the last one active.
 * @param generateMasterKey create the file with a fresh key when it is missing (embedded default only;
 *        the {@code prod} profile turns it off so a lost key is noticed instead of silently replaced).
 * @param dataKeyCacheSize unwrapped data keys kept in memory
 * @param dataKeyCacheTtl how long a cached data key lives; bounds how long another node can still
 *        decrypt after a crypto-shred
 */
@ConfigurationProperties("kluis.crypto")
record CryptoProperties(@Nullable String masterKey, @Nullable Path masterKeyFile,
		@DefaultValue("true") boolean generateMasterKey, @DefaultValue("10000") int dataKeyCacheSize,
		@DefaultValue("5m") Duration dataKeyCacheTtl) {
}
