package io.kluis.storage.share;

import io.kluis.identity.AccountLookup;
import io.kluis.shared.AccountId;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Sharing key pairs (STO-2): a customer's browser publishes one the first time it unlocks a vault;
 * an owner looks a recipient's public key up by email address.
 *
 * <p>Only customers with a published key can receive shares, plain or vault alike: a customer who
 * never unlocked a vault in the panel cannot be found by address at all. An unknown address and a
 * customer without a key get the same 404 with the same words, and lookups are limited per owner
 * ({@link RecipientLookups}). What remains is inherent: an owner with an account learns that an
 * address they already know belongs to a customer who can receive shares.
 */
@Service
public class SharingKeyManagement {

	/** The same words for every address that cannot receive a share, whatever the reason. */
	static final String NO_RECIPIENT = "recipient";

	/** nonce (12) ‖ AES-GCM(PKCS#8 of a P-256 key, ~138 bytes) ‖ tag (16), with room to spare. */
	static final int MAX_WRAPPED_PRIVATE_KEY = 512;

	static final int MIN_WRAPPED_PRIVATE_KEY = 12 + 16 + 32;

	/** A customer who can receive shares, and the key to wrap them for. */
	public record Recipient(AccountId account, SharingKey key) {

		@Override
		public String toString() {
			return "Recipient[" + account + "]";
		}
	}

	private final SharingKeys keys;

	private final Spaces spaces;

	private final AccountLookup accounts;

	private final RecipientLookups lookups;

	private final Clock clock;

	SharingKeyManagement(SharingKeys keys, Spaces spaces, AccountLookup accounts, RecipientLookups lookups,
			Clock clock) {
		this.keys = keys;
		this.spaces = spaces;
		this.accounts = accounts;
		this.lookups = lookups;
		this.clock = clock;
	}

	public Optional<SharingKey> mine(AccountId account) {
		return keys.find(account);
	}

	/**
	 * Stores the caller's key pair, wrapped under the keys of their vault {@code space}.
	 *
	 * @throws ConflictException when the account has a key pair already (it is never replaced
	 *         silently: shares wrapped for the old one would stop opening)
	 */
	public SharingKey publish(AccountId account, @Nullable String space, byte @Nullable [] publicKey,
			byte @Nullable [] wrappedPrivateKey) {
		Space vault = spaces.find(account, space == null ? "" : space).orElseThrow(() -> new NotFoundException("space"));
		if (vault.kind() != SpaceKind.VAULT) {
			throw new InvalidInputException("space", "A sharing key is protected by a vault's keys: name a vault space.");
		}
		if (publicKey == null || !P256.isPoint(publicKey)) {
			throw new InvalidInputException("publicKey", "The public key must be an uncompressed P-256 point (65 bytes).");
		}
		if (wrappedPrivateKey == null || wrappedPrivateKey.length < MIN_WRAPPED_PRIVATE_KEY
				|| wrappedPrivateKey.length > MAX_WRAPPED_PRIVATE_KEY) {
			throw new InvalidInputException("wrappedPrivateKey",
					"The wrapped private key has " + MIN_WRAPPED_PRIVATE_KEY + " to " + MAX_WRAPPED_PRIVATE_KEY + " bytes.");
		}
		var key = new SharingKey(account, vault.id(), publicKey, wrappedPrivateKey, clock.instant());
		if (!keys.insert(key)) {
			throw new ConflictException("You have a sharing key already.");
		}
		return key;
	}

	/**
	 * The customer behind {@code email} who can receive shares from {@code owner}; counted against
	 * the owner's lookups.
	 *
	 * @throws NotFoundException alike for an unknown address, a customer without a sharing key, and
	 *         the owner's own address
	 */
	public Recipient recipient(AccountId owner, @Nullable String email) {
		if (email == null || !EmailAddress.isValid(email)) {
			throw new InvalidInputException("recipient", "Give the recipient's email address.");
		}
		lookups.count(owner);
		return accounts.findByEmail(EmailAddress.of(email))
			.filter(account -> !account.equals(owner))
			.flatMap(account -> keys.find(account).map(key -> new Recipient(account, key)))
			.orElseThrow(() -> new NotFoundException(NO_RECIPIENT));
	}

	/** The name of the vault space whose keys wrap the private key. */
	public String spaceName(SharingKey key) {
		return spaces.find(key.space()).map(Space::name).orElse("");
	}

	/** The email address of an account, for showing who shared or who has access ("" once it is gone). */
	public String emailOf(AccountId account) {
		return accounts.find(account).map(a -> a.email().value()).orElse("");
	}
}
