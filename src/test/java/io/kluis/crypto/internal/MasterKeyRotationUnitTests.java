package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import io.kluis.shared.StartupRefusal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master-key rotation ({@code crypto rewrap}): the operator appends a new master key to the keyring,
 * runs the command, and then removes the old key. What was sealed before must still open with the
 * new key alone, and a keyring without the right key must be refused, never half-used.
 */
class MasterKeyRotationUnitTests {

	static final String FIELD = "test.person.email";

	static final String OLD = MasterKeyring.newEntry("2025");

	static final String NEW = MasterKeyring.newEntry("2026");

	@TempDir
	Path keyStore;

	CryptoCluster cluster;

	AccountId subject;

	Sealed sealed;

	AccountId fromBeforeEpochs;

	Sealed sealedBeforeEpochs;

	@BeforeEach
	void sealUnderTheOldMasterKey() {
		cluster = new CryptoCluster(keyStore);
		var old = CryptoCluster.keyring(OLD);
		var node = cluster.node(old);
		subject = AccountId.random();
		sealed = node.seal(subject, FIELD, "jan@example.nl");
		fromBeforeEpochs = AccountId.random();
		byte[] raw = Aead.randomKeyBytes();
		cluster.jdbc.sql("insert into crypto_data_keys (subject_id, wrapped_key, master_key_id, created_at) values (?, ?, ?, ?)")
			.params(fromBeforeEpochs.value(), Aead.seal(old.active(), raw, EnvelopeCipher.wrapContext(fromBeforeEpochs)),
					"2025", Timestamp.from(cluster.clock.instant()))
			.update();
		sealedBeforeEpochs = node.seal(fromBeforeEpochs, FIELD, "piet@example.nl");
	}

	@AfterEach
	void dropTheDatabase() {
		cluster.close();
	}

	@Test
	@DisplayName("after crypto rewrap, values sealed before open with a keyring that holds only the new master key")
	void valuesSealedBeforeOpenWithOnlyTheNewKey() {
		var index = cluster.node(CryptoCluster.keyring(OLD)).blindIndex(FIELD, "jan@example.nl");

		String output = rewrap(CryptoCluster.keyring(OLD, NEW));

		assertThat(output).as("the epoch key, the blind-index key and the data key from before epochs")
			.startsWith("Re-wrapped 3 keys");
		var onlyNew = CryptoCluster.keyring(NEW);
		cluster.startWith(onlyNew);
		var node = cluster.node(onlyNew);
		assertThat(node.open(subject, FIELD, sealed)).isEqualTo("jan@example.nl");
		assertThat(node.open(fromBeforeEpochs, FIELD, sealedBeforeEpochs)).isEqualTo("piet@example.nl");
		assertThat(node.blindIndex(FIELD, "jan@example.nl")).as("lookups keep working").isEqualTo(index);
		assertThat(cluster.store.list()).isNotEmpty().allSatisfy(epoch -> assertThat(epoch.masterKeyId()).isEqualTo("2026"));
		assertThat(cluster.systemKeys.all()).allSatisfy(key -> assertThat(key.masterKeyId()).isEqualTo("2026"));
		assertThat(cluster.dataKeys.masterKeysInUse()).as("no data key left under a master key").isEmpty();
	}

	@Test
	@DisplayName("a second crypto rewrap finds nothing left to re-wrap")
	void rewrapIsIdempotent() {
		var both = CryptoCluster.keyring(OLD, NEW);
		rewrap(both);

		assertThat(rewrap(both)).startsWith("Re-wrapped 0 keys");
		assertThat(cluster.node(CryptoCluster.keyring(NEW)).open(subject, FIELD, sealed)).isEqualTo("jan@example.nl");
	}

	@Test
	@DisplayName("after crypto rewrap, a keyring with only the old key, or other bytes under the new key's id, is refused at start-up and opens nothing")
	void aKeyringWithoutTheRightKeyIsRefusedAfterRewrap() {
		rewrap(CryptoCluster.keyring(OLD, NEW));

		var onlyOld = CryptoCluster.keyring(OLD);
		assertThatThrownBy(() -> cluster.startWith(onlyOld)).isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("'2026'").hasMessageContaining("is not configured");
		assertThatThrownBy(() -> cluster.node(onlyOld).open(subject, FIELD, sealed))
			.isInstanceOf(IllegalStateException.class);

		var wrongNew = CryptoCluster.keyring(otherKey("2026"));
		assertThatThrownBy(() -> cluster.startWith(wrongNew)).isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("not this installation's");
		assertThatThrownBy(() -> cluster.node(wrongNew).open(subject, FIELD, sealed))
			.isInstanceOf(Aead.TamperedException.class);
	}

	@Test
	@DisplayName("crypto rewrap without the master key that wraps the keys, or with a wrong one under its id, fails and changes nothing")
	void rewrapWithoutTheOldKeyIsRefusedAndChangesNothing() {
		assertThatThrownBy(() -> cluster.rotation(CryptoCluster.keyring(NEW)).rewrapAll())
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("'2025' is needed but not configured");
		assertThatThrownBy(() -> cluster.rotation(CryptoCluster.keyring(otherKey("2025"), NEW)).rewrapAll())
			.isInstanceOf(Aead.TamperedException.class);

		assertThat(cluster.store.list()).allSatisfy(epoch -> assertThat(epoch.masterKeyId()).isEqualTo("2025"));
		assertThat(cluster.dataKeys.masterKeysInUse()).containsExactly("2025");
		cluster.startWith(CryptoCluster.keyring(OLD));
		assertThat(cluster.node(CryptoCluster.keyring(OLD)).open(subject, FIELD, sealed)).isEqualTo("jan@example.nl");
	}

	/** Runs the {@code crypto rewrap} command on a node with this keyring; returns what it printed. */
	private String rewrap(MasterKeyring keys) {
		var command = new CryptoCommands().rewrapCommand(cluster.rotation(keys));
		var out = new ByteArrayOutputStream();
		assertThat(command.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

	/** A random key under the given id: the right name, the wrong bytes. */
	private static String otherKey(String id) {
		return id + ":" + Base64.getEncoder().encodeToString(Aead.randomKeyBytes());
	}
}
