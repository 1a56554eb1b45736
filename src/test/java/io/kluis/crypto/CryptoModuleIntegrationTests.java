package io.kluis.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kluis.KluisModuleTest;
import io.kluis.ModuleBeans;
import io.kluis.shared.AccountId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/**
 * The crypto module on its own (with {@code shared}, the one module it uses): its public API seals,
 * opens and shreds against the real database and key store, with no other module in the context.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@KluisModuleTest
class CryptoModuleIntegrationTests {

	static final String FIELD = "test.person.email";

	final PersonalDataCipher cipher;

	final ContentCipher contents;

	final ConfigurableApplicationContext context;

	CryptoModuleIntegrationTests(PersonalDataCipher cipher, ContentCipher contents,
			ConfigurableApplicationContext context) {
		this.cipher = cipher;
		this.contents = contents;
		this.context = context;
	}

	@Test
	void bootsOnlyTheCryptoModuleAndTheSharedModuleItUses() {
		assertThat(ModuleBeans.modulesOf(context)).containsExactly("crypto", "shared");
	}

	@Test
	void aSealedPersonalFieldOpensForItsSubjectAndFieldAndHoldsNoPlaintext() {
		var subject = AccountId.random();

		Sealed sealed = cipher.seal(subject, FIELD, "jan@example.nl");

		assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("jan@example.nl");
		assertThat(sealed.toString()).doesNotContain("jan");
		assertThat(cipher.open(subject, FIELD, Sealed.fromBytes(sealed.bytes()))).isEqualTo("jan@example.nl");
		assertThat(cipher.seal(subject, FIELD, "jan@example.nl")).as("a fresh nonce every time").isNotEqualTo(sealed);
	}

	@Test
	void aSealedValueCopiedToAnotherFieldOrSubjectDoesNotOpenAndTheErrorQuotesNothing() {
		var subject = AccountId.random();
		var other = AccountId.random();
		cipher.seal(other, FIELD, "someone else");
		Sealed sealed = cipher.seal(subject, FIELD, "jan@example.nl");

		assertThatThrownBy(() -> cipher.open(subject, "test.person.name", sealed))
			.hasMessageNotContaining("jan").hasMessageNotContaining(subject.toString());
		assertThatThrownBy(() -> cipher.open(other, FIELD, sealed)).hasMessageNotContaining("jan");
	}

	@Test
	void optionalFieldsStayNull() {
		var subject = AccountId.random();

		assertThat(cipher.sealNullable(subject, FIELD, null)).isNull();
		assertThat(cipher.openNullable(subject, FIELD, null)).isNull();
		assertThat(cipher.openNullable(subject, FIELD, cipher.sealNullable(subject, FIELD, "x"))).isEqualTo("x");
	}

	@Test
	void blindIndexesMatchEqualValuesOfOneFieldOnly() {
		var index = cipher.blindIndex(FIELD, "jan@example.nl");

		assertThat(cipher.blindIndex(FIELD, "jan@example.nl")).isEqualTo(index);
		assertThat(cipher.blindIndex(FIELD, "piet@example.nl")).isNotEqualTo(index);
		assertThat(cipher.blindIndex("test.person.phone", "jan@example.nl")).isNotEqualTo(index);
		assertThat(index.bytes()).hasSize(16);
		assertThat(index.toString()).doesNotContain(index.hex());
	}

	// SEC-3: crypto-shredding makes every sealed value of the subject unreadable, and only theirs.
	@Test
	void destroyingTheDataKeyMakesEveryValueOfThatSubjectUnreadableAndRefusesNewOnes() {
		var erased = AccountId.random();
		var kept = AccountId.random();
		Sealed field = cipher.seal(erased, FIELD, "jan@example.nl");
		byte[] content = contents.sealBytes(erased, "test.file.name", "passport.pdf".getBytes(StandardCharsets.UTF_8));
		Sealed keptField = cipher.seal(kept, FIELD, "piet@example.nl");
		assertThat(cipher.isDestroyed(erased)).isFalse();

		var destroyedAt = cipher.destroyDataKey(erased);

		assertThat(destroyedAt).isPresent();
		assertThat(cipher.isDestroyed(erased)).isTrue();
		assertThatThrownBy(() -> cipher.open(erased, FIELD, field)).isInstanceOf(DataKeyDestroyedException.class)
			.hasMessageNotContaining("jan");
		assertThatThrownBy(() -> contents.openBytes(erased, "test.file.name", content))
			.isInstanceOf(DataKeyDestroyedException.class);
		assertThatThrownBy(() -> cipher.seal(erased, FIELD, "again"))
			.as("a shredded subject gets no new key").isInstanceOf(DataKeyDestroyedException.class);
		assertThat(cipher.destroyDataKey(erased)).as("idempotent, the first time kept").isEqualTo(destroyedAt);
		assertThat(cipher.open(kept, FIELD, keptField)).isEqualTo("piet@example.nl");
	}

	@Test
	void aSubjectThatNeverHadAKeyCanBeShreddedAndGetsNoneAfterwards() {
		var never = AccountId.random();

		assertThat(cipher.destroyDataKey(never)).isPresent();

		assertThat(cipher.isDestroyed(never)).isTrue();
		assertThatThrownBy(() -> cipher.seal(never, FIELD, "late")).isInstanceOf(DataKeyDestroyedException.class);
	}
}
