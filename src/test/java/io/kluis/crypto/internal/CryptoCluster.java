package io.kluis.crypto.internal;

import io.kluis.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crypto as several cluster nodes run it, for unit tests without a Spring context: one database
 * (in-memory H2 with the crypto module's own migrations), one epoch key store (a directory), one
 * clock the test moves; each {@link #node} has its own caches, as each process has. Close it after
 * the test to drop the database.
 */
final class CryptoCluster implements AutoCloseable {

	static final Duration CACHE_TTL = Duration.ofMinutes(5);

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T04:00:00Z"));

	final JdbcClient jdbc;

	final TransactionTemplate transactions;

	final DataKeys dataKeys;

	final SystemKeys systemKeys;

	final EpochKeyStore store;

	CryptoCluster(Path keyStore) {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:crypto-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(cryptoMigrations()).execute(dataSource);
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.dataKeys = new DataKeys(jdbc);
		this.systemKeys = new SystemKeys(jdbc);
		this.store = new DirectoryEpochKeyStore(keyStore);
	}

	/** The crypto module's migrations (it alone owns the {@code crypto_*} tables), in version order. */
	private static Resource[] cryptoMigrations() {
		try {
			Resource[] scripts = new PathMatchingResourcePatternResolver()
				.getResources("classpath:db/migration/V*__crypto_*.sql");
			Arrays.sort(scripts, Comparator.comparing(Resource::getFilename));
			return scripts;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A keyring of {@code id:base64} entries, the last one active, as {@code KLUIS_MASTER_KEY} gives it. */
	static MasterKeyring keyring(String... entries) {
		return MasterKeyring.parse(String.join(",", entries), "test");
	}

	/** A node with this keyring and a data-key cache of {@link #CACHE_TTL}. */
	EnvelopeCipher node(MasterKeyring keys) {
		var cache = new DataKeyCache(new CryptoProperties(null, null, false, 100, CACHE_TTL), clock);
		return new EnvelopeCipher(keys, dataKeys, systemKeys, cache, new EpochKeys(store, keys, clock), clock);
	}

	/** What {@code crypto rewrap} runs, on a node with this keyring. */
	MasterKeyRotation rotation(MasterKeyring keys) {
		return new MasterKeyRotation(keys, dataKeys, systemKeys, new EpochKeys(store, keys, clock), transactions);
	}

	/** The start-up check of a node with this keyring. */
	void startWith(MasterKeyring keys) {
		new InstallationKeyCheck(keys, new EpochKeys(store, keys, clock), dataKeys, systemKeys).check();
	}

	@Override
	public void close() {
		jdbc.sql("shutdown").update();
	}
}
