package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.MutableClock;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-key cache bounds how long a crypto-shred on one node leaves the subject readable on the
 * others ({@code kluis.crypto.data-key-cache-ttl}): each node caches unwrapped keys, and only the
 * node that shreds evicts its copy at once.
 */
class DataKeyCacheUnitTests {

	static final String FIELD = "test.person.email";

	static final Duration ONE_MILLI = Duration.ofMillis(1);

	@TempDir
	Path keyStore;

	CryptoCluster cluster;

	@BeforeEach
	void startCluster() {
		cluster = new CryptoCluster(keyStore);
	}

	@AfterEach
	void dropTheDatabase() {
		cluster.close();
	}

	@Test
	@DisplayName("after a shred on one node, another node's cached key opens the subject's values until the TTL has passed on the clock, counted from when it was loaded; then DataKeyDestroyedException")
	void anotherNodeReadsUntilTheTtlHasPassed() {
		var keys = CryptoCluster.keyring(MasterKeyring.newEntry("1"));
		var shredding = cluster.node(keys);
		var other = cluster.node(keys);
		var subject = AccountId.random();
		Sealed sealed = shredding.seal(subject, FIELD, "jan@example.nl");
		assertThat(other.open(subject, FIELD, sealed)).as("loads and caches the key").isEqualTo("jan@example.nl");

		shredding.destroyDataKey(subject);

		assertThatThrownBy(() -> shredding.open(subject, FIELD, sealed)).as("at once on the shredding node")
			.isInstanceOf(DataKeyDestroyedException.class);
		cluster.clock.advance(CryptoCluster.CACHE_TTL.minusMinutes(1));
		assertThat(other.open(subject, FIELD, sealed)).as("using the key does not extend its life")
			.isEqualTo("jan@example.nl");
		cluster.clock.advance(Duration.ofMinutes(1));
		assertThat(other.open(subject, FIELD, sealed)).as("up to the TTL").isEqualTo("jan@example.nl");
		cluster.clock.advance(ONE_MILLI);
		assertThatThrownBy(() -> other.open(subject, FIELD, sealed)).isInstanceOf(DataKeyDestroyedException.class);
		assertThatThrownBy(() -> other.seal(subject, FIELD, "new value")).isInstanceOf(DataKeyDestroyedException.class);
		assertThat(cluster.node(keys).isDestroyed(subject)).isTrue();
	}

	@Test
	@DisplayName("a subject another node never read is unreadable there at once after the shred")
	void aNodeWithoutTheKeyCachedRefusesAtOnce() {
		var keys = CryptoCluster.keyring(MasterKeyring.newEntry("1"));
		var shredding = cluster.node(keys);
		var subject = AccountId.random();
		Sealed sealed = shredding.seal(subject, FIELD, "jan@example.nl");

		shredding.destroyDataKey(subject);

		assertThatThrownBy(() -> cluster.node(keys).open(subject, FIELD, sealed))
			.isInstanceOf(DataKeyDestroyedException.class);
	}

	@Test
	@DisplayName("an expired entry is dropped, a live one kept; the least recently used goes when the cache is full")
	void expiryAndSizeBound() {
		var clock = new MutableClock(Instant.parse("2026-12-07T04:00:00Z"));
		var cache = new DataKeyCache(new CryptoProperties(null, null, false, 2, Duration.ofMinutes(5)), clock);
		var a = AccountId.random();
		var b = AccountId.random();
		var c = AccountId.random();
		var key = new SecretKeySpec(Aead.randomKeyBytes(), "AES");

		cache.put(a, key);
		clock.advance(Duration.ofMinutes(5));
		assertThat(cache.get(a)).isSameAs(key);
		clock.advance(ONE_MILLI);
		assertThat(cache.get(a)).isNull();

		cache.put(a, key);
		cache.put(b, key);
		assertThat(cache.get(a)).isSameAs(key);
		cache.put(c, key);
		assertThat(cache.get(b)).as("least recently used").isNull();
		assertThat(cache.get(a)).isSameAs(key);
		assertThat(cache.get(c)).isSameAs(key);
	}
}
