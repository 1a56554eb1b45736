package io.kluis.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.crypto.internal.EpochKeyStore.StoredEpoch;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link EpochKeyStore} adapter does; each adapter's tests extend this. */
abstract class EpochKeyStoreContract {

	/** A fresh, empty store. */
	abstract EpochKeyStore store();

	static StoredEpoch epoch(String id, Instant created) {
		return new StoredEpoch(id, created, null, "m1", Aead.randomKeyBytes());
	}

	@Test
	@DisplayName("an empty store lists nothing and finds nothing")
	void emptyStore() {
		var store = store();
		assertThat(store.list()).isEmpty();
		assertThat(store.find("20261207T000000Z-abcdef")).isEmpty();
	}

	@Test
	@DisplayName("an epoch put is found as written, and listed oldest first")
	void putFindList() {
		var store = store();
		var newer = epoch("b-2", Instant.parse("2026-12-08T00:00:00Z"));
		var older = epoch("a-1", Instant.parse("2026-12-07T00:00:00Z"));
		store.put(newer);
		store.put(older);
		assertThat(store.find("b-2")).contains(newer);
		assertThat(store.list()).containsExactly(older, newer);
	}

	@Test
	@DisplayName("putting an epoch again replaces it (retirement, a new master key)")
	void putReplaces() {
		var store = store();
		var first = epoch("e-1", Instant.parse("2026-12-07T00:00:00Z"));
		store.put(first);
		var changed = first.retired(Instant.parse("2026-12-08T01:00:00Z")).rewrapped("m2", Aead.randomKeyBytes());
		store.put(changed);
		assertThat(store.find("e-1")).contains(changed);
		assertThat(store.list()).containsExactly(changed);
	}

	@Test
	@DisplayName("a deleted epoch is gone for good; deleting it again or an unknown one is no error")
	void deleteIsFinal() {
		var store = store();
		var kept = epoch("kept-1", Instant.parse("2026-12-07T00:00:00Z"));
		var gone = epoch("gone-1", Instant.parse("2026-12-07T01:00:00Z"));
		store.put(kept);
		store.put(gone);
		store.put(gone.retired(Instant.parse("2026-12-08T00:00:00Z")));
		store.delete("gone-1");
		store.delete("gone-1");
		store.delete("never-1");
		assertThat(store.find("gone-1")).isEmpty();
		assertThat(store.list()).containsExactly(kept);
	}

	@Test
	@DisplayName("ids that are not plain names are never looked up")
	void oddIdsAreNotFound() {
		var store = store();
		assertThat(store.find("../master")).isEmpty();
		assertThat(store.find("")).isEmpty();
	}
}
