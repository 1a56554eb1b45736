package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.MutableClock;
import io.kluis.crypto.BackupErasure;
import io.kluis.crypto.DataKeyDestroyedException;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import io.kluis.shared.StartupRefusal;
import io.kluis.shared.cli.KluisCommand;
import io.kluis.shared.jobs.JobLease;
import io.kluis.shared.jobs.Jobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Epoch keys end to end on the real database: data keys wrapped under the current epoch, rotation,
 * retirement and destruction on the clock, the commands, and the start-up checks. A key store and
 * (on PostgreSQL) a schema of its own, because this context rotates and destroys epochs.
 */
@OwnEpochsIntegrationTest
class EpochKeysIntegrationTests {

	@Autowired
	EnvelopeCipher cipher;

	@Autowired
	EpochKeys epochs;

	@Autowired
	EpochRotation rotation;

	@Autowired
	DataKeys dataKeys;

	@Autowired
	SystemKeys systemKeys;

	@Autowired
	MasterKeyring masterKeys;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	List<KluisCommand> commands;

	@Autowired
	BackupErasure backupErasure;

	@Autowired
	Jobs jobs;

	@Test
	@DisplayName("a rotation while another node holds the shared job lock does nothing (every other test's rotations show it is released after a run)")
	void aRotationWaitsForTheLockHolder() {
		try (JobLease other = jobs.tryAcquire(EpochRotation.JOB, Duration.ofHours(1)).orElseThrow()) {
			assertThatThrownBy(() -> rotation.run(false)).isInstanceOf(EpochRotation.BusyException.class);
		}
	}

	@Test
	@DisplayName("a new data key is wrapped under the current epoch key, not under the master key")
	void newKeysAreWrappedUnderTheCurrentEpoch() {
		var subject = AccountId.random();
		cipher.seal(subject, "test.field", "value");
		var row = dataKeys.find(subject).orElseThrow();
		assertThat(row.epochId()).isEqualTo(epochs.current().id());
		assertThat(row.masterKeyId()).isNull();
		assertThat(epochs.store().find(row.epochId())).isPresent();
	}

	@Test
	@DisplayName("RET-5, SEC-3: a backup taken before an erasure cannot be read for that subject once the stated bound has passed; live subjects still can")
	void erasureReachesBackupsWithinTheBound() {
		var erased = AccountId.random();
		var live = AccountId.random();
		Sealed erasedField = cipher.seal(erased, "test.field", "erased value");
		Sealed liveField = cipher.seal(live, "test.field", "live value");
		// "the backup": the key rows as a dump taken now holds them
		var backupOfErased = dataKeys.find(erased).orElseThrow();
		var backupOfLive = dataKeys.find(live).orElseThrow();

		cipher.destroyDataKey(erased);
		clock.advance(backupErasure.epochLength());
		var first = rotation.run(false);
		assertThat(first.createdEpoch()).as("a new epoch once the current one is a day old").isNotNull();
		assertThat(first.retired()).contains(backupOfLive.epochId());
		assertThat(cipher.rawDataKey(backupOfErased)).as("within the bound the backup still reads").hasSize(32);

		clock.advance(backupErasure.backupRetention().plus(Duration.ofHours(1)));
		var second = rotation.run(false);
		assertThat(second.destroyed()).contains(backupOfErased.epochId());

		assertThatThrownBy(() -> cipher.rawDataKey(backupOfErased)).isInstanceOf(DataKeyDestroyedException.class);
		assertThatThrownBy(() -> cipher.rawDataKey(backupOfLive))
			.as("the backup's own key rows are all past their epoch").isInstanceOf(DataKeyDestroyedException.class);
		assertThat(cipher.open(live, "test.field", liveField)).as("the live key was re-wrapped").isEqualTo("live value");
		assertThatThrownBy(() -> cipher.open(erased, "test.field", erasedField)).isInstanceOf(DataKeyDestroyedException.class);
		assertThat(backupErasure.boundInDays()).isEqualTo(32);
	}

	@Test
	@DisplayName("an epoch a key was wrapped under after its retirement is un-retired, and not destroyed while it wraps one")
	void anEpochInUseIsNeverDestroyed() {
		var subject = AccountId.random();
		cipher.seal(subject, "test.field", "value");
		String old = dataKeys.find(subject).orElseThrow().epochId();
		rotation.run(true);
		// a node that had not yet seen the new epoch wraps a key under the old one
		var late = AccountId.random();
		byte[] raw = Aead.randomKeyBytes();
		transactions.executeWithoutResult(tx -> dataKeys.insert(late, epochs.wrapUnder(old, late, raw), old,
				clock.instant()));
		clock.advance(Duration.ofDays(400));
		var result = rotation.run(false);
		assertThat(result.destroyed()).doesNotContain(old);
		assertThat(dataKeys.find(late).orElseThrow().epochId()).isEqualTo(result.currentEpoch());
		assertThat(cipher.rawDataKey(dataKeys.find(late).orElseThrow())).isEqualTo(raw);
	}

	@Test
	@DisplayName("keys from before epochs (wrapped by the master key) move into the current epoch and still open")
	void keysFromBeforeEpochsMoveIn() {
		var subject = AccountId.random();
		byte[] raw = Aead.randomKeyBytes();
		jdbc.sql("insert into crypto_data_keys (subject_id, wrapped_key, master_key_id, created_at) values (?, ?, ?, ?)")
			.params(subject.value(), Aead.seal(masterKeys.active(), raw, EnvelopeCipher.wrapContext(subject)),
					masterKeys.activeId(), java.sql.Timestamp.from(clock.instant()))
			.update();
		assertThat(cipher.rawDataKey(dataKeys.find(subject).orElseThrow())).isEqualTo(raw);
		var result = rotation.run(false);
		var row = dataKeys.find(subject).orElseThrow();
		assertThat(row.epochId()).isEqualTo(result.currentEpoch());
		assertThat(row.masterKeyId()).isNull();
		assertThat(cipher.rawDataKey(row)).isEqualTo(raw);
	}

	@Test
	@DisplayName("crypto rotate starts an epoch now and crypto epochs lists it as current")
	void commands() {
		String before = epochs.current().id();
		clock.advance(Duration.ofSeconds(2));
		String rotated = run("crypto rotate");
		assertThat(rotated).startsWith("New epoch ");
		String now = epochs.current().id();
		assertThat(now).isNotEqualTo(before);
		String listed = run("crypto epochs");
		assertThat(listed).contains(now + " ").contains("(current)").contains("32 days");
	}

	@Test
	@DisplayName("start-up refuses a wrong master key and a key store without the epochs the database needs")
	void startupRefusals() {
		cipher.seal(AccountId.random(), "test.field", "value");
		new InstallationKeyCheck(masterKeys, epochs, dataKeys, systemKeys).check();

		var wrong = MasterKeyring.parse(masterKeys.activeId() + ":" + java.util.Base64.getEncoder()
			.encodeToString(Aead.randomKeyBytes()), "test");
		assertThatThrownBy(() -> new InstallationKeyCheck(wrong, new EpochKeys(epochs.store(), wrong, clock), dataKeys,
				systemKeys).check())
			.isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("not this installation's");

		var otherId = MasterKeyring.parse("other:" + java.util.Base64.getEncoder().encodeToString(Aead.randomKeyBytes()),
				"test");
		assertThatThrownBy(() -> new InstallationKeyCheck(otherId, new EpochKeys(epochs.store(), otherId, clock),
				dataKeys, systemKeys).check())
			.isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("is not configured");

		var empty = new DirectoryEpochKeyStore(
				OwnEpochsIntegrationTest.OwnKeyStore.ROOT.resolve(UUID.randomUUID().toString()));
		assertThatThrownBy(() -> new InstallationKeyCheck(masterKeys, new EpochKeys(empty, masterKeys, clock), dataKeys,
				systemKeys).check())
			.isInstanceOf(StartupRefusal.class)
			.hasMessageContaining("lacks")
			.hasMessageContaining("KLUIS_KEY_STORE_DIR");
	}

	@Test
	@DisplayName("crypto rewrap moves epoch keys to a new master key; the old one can then be removed")
	void masterKeyRotationRewrapsEpochKeys() {
		var subject = AccountId.random();
		Sealed sealed = cipher.seal(subject, "test.field", "value");
		String newEntry = MasterKeyring.newEntry("next");
		var both = MasterKeyring.parse(masterKeys.activeId() + ":" + java.util.Base64.getEncoder()
			.encodeToString(masterKeys.active().getEncoded()) + "," + newEntry, "test");
		var bothEpochs = new EpochKeys(epochs.store(), both, clock);
		new MasterKeyRotation(both, dataKeys, systemKeys, bothEpochs, transactions).rewrapAll();
		assertThat(epochs.store().list()).allSatisfy(e -> assertThat(e.masterKeyId()).isEqualTo("next"));

		var onlyNew = MasterKeyring.parse(newEntry, "test");
		var newEpochs = new EpochKeys(epochs.store(), onlyNew, clock);
		new InstallationKeyCheck(onlyNew, newEpochs, dataKeys, systemKeys).check();
		var newCipher = new EnvelopeCipher(onlyNew, dataKeys, systemKeys, new DataKeyCache(
				new CryptoProperties(null, null, false, 10, Duration.ofMinutes(5)), clock), newEpochs, clock);
		assertThat(newCipher.open(subject, "test.field", sealed)).isEqualTo("value");

		// back to this context's own master key, for the other tests
		var back = MasterKeyring.parse(newEntry + "," + masterKeys.activeId() + ":" + java.util.Base64.getEncoder()
			.encodeToString(masterKeys.active().getEncoded()), "test");
		new MasterKeyRotation(back, dataKeys, systemKeys, new EpochKeys(epochs.store(), back, clock), transactions)
			.rewrapAll();
	}

	private String run(String name) {
		var command = commands.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
		var out = new ByteArrayOutputStream();
		assertThat(command.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}
}
