package io.kluis.identity.account;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.identity.credentials.Argon2Parameters;
import io.kluis.identity.credentials.HibpRangeClient;
import io.kluis.identity.credentials.PasswordContext;
import io.kluis.identity.credentials.PasswordHasher;
import io.kluis.identity.credentials.PasswordPolicy;
import io.kluis.identity.credentials.PwnedPasswords;
import io.kluis.identity.credentials.SecretHasher;
import io.kluis.identity.credentials.Totp;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/** Wires the credential primitives of {@code identity.credentials} into the account use cases. */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

	@Bean
	PasswordHasher passwordHasher() {
		return new PasswordHasher(Argon2Parameters.OWASP_MINIMUM);
	}

	@Bean
	PasswordPolicy passwordPolicy(IdentityProperties properties) {
		PwnedPasswords pwned = properties.hibpEnabled() ? new HibpRangeClient() : PwnedPasswords.disabled();
		return new PasswordPolicy(pwned);
	}

	@Bean
	Totp totp() {
		return new Totp();
	}

	/**
	 * The keyed hash for recovery codes and app passwords. Its pepper is derived from the
	 * installation's blind-index secret (wrapped by the master key), so it is never in the database
	 * in the clear and survives master-key rotation. Derived lazily: the schema must exist first.
	 */
	@Bean
	Supplier<SecretHasher> secretHasher(PersonalDataCipher cipher) {
		return SingletonSupplier.of(() -> {
			// Two 128-bit derivations make the 256-bit pepper SecretHasher requires.
			byte[] first = cipher.blindIndex("identity.secret-pepper", "v1/1").bytes();
			byte[] second = cipher.blindIndex("identity.secret-pepper", "v1/2").bytes();
			byte[] pepper = java.util.Arrays.copyOf(first, first.length + second.length);
			System.arraycopy(second, 0, pepper, first.length, second.length);
			return new SecretHasher(pepper);
		});
	}

	@Bean
	PasswordHashing passwordHashing(PasswordHasher hasher) {
		HashingGate gate = HashingGate.forThisMachine();
		return new PasswordHashing() {
			public String hash(String password) {
				return gate.run(() -> hasher.hash(password));
			}

			public boolean matches(String password, String encoded) {
				return gate.run(() -> hasher.matches(password, encoded));
			}

			public boolean needsRehash(String encoded) {
				return hasher.needsRehash(encoded);
			}

			public void spendVerificationTime(String password) {
				gate.run(() -> {
					hasher.matchesDummy(password);
					return null;
				});
			}
		};
	}

	@Bean
	PasswordRules passwordRules(PasswordPolicy policy) {
		return (password, hasSecondFactor, personalWords) -> policy
			.check(password, new PasswordContext(hasSecondFactor, personalWords))
			.violations()
			.stream()
			.map(v -> new RegistrationRefused.Violation("password", v.ruleId(),
					v.arguments().isEmpty() ? Map.of() : Map.of("value", v.arguments().get(0))))
			.toList();
	}
}
