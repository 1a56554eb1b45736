package io.kluis.storage.share;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.ConflictException;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's side of shares to another customer (STO-2): share a file or folder with a customer
 * by email address, see who has access, revoke (at once: from then on the recipient gets 404), read
 * the log. Everything not the caller's is "not found".
 *
 * <p>A plain share needs no keys: the recipient gets read access. A vault share carries the same
 * encrypted manifest as a link and its key wrapped in the owner's browser for the recipient's
 * public key ({@value #WRAPPED_KEY_BYTES} bytes: ephemeral P-256 point, nonce, AES-GCM of the
 * 32-byte key, tag); the owner's browser names the key it wrapped for by its fingerprint, so a key
 * that changed in between is refused (409) rather than wrapped for in vain.
 */
@Service
public class PeerShareManagement {

	static final int WRAPPED_KEY_BYTES = P256.POINT_BYTES + 12 + 32 + 16;

	/** What the owner asks for. For a vault share, {@code path} and {@code files} are ciphertext paths. */
	public record NewPeerShare(@Nullable String space, @Nullable String path, @Nullable String recipient,
			@Nullable String recipientKey, byte @Nullable [] manifest, @Nullable List<String> files,
			byte @Nullable [] wrappedKey) {

		@Override
		public String toString() {
			return "NewPeerShare[]";
		}
	}

	/** A share as its owner sees it: where it points and who has access. */
	public record Listed(PeerShare share, String space, List<String> path, String recipient,
			@Nullable String recipientKey) {

		@Override
		public String toString() {
			return "Listed[" + share.id() + "]";
		}
	}

	private final Spaces spaces;

	private final SharedTargets targets;

	private final SharedNodes shared;

	private final PeerShares shares;

	private final SharingKeyManagement keys;

	private final ShareAccessLog log;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PeerShareManagement(Spaces spaces, SharedTargets targets, SharedNodes shared, PeerShares shares,
			SharingKeyManagement keys, ShareAccessLog log, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.spaces = spaces;
		this.targets = targets;
		this.shared = shared;
		this.shares = shares;
		this.keys = keys;
		this.log = log;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws NotFoundException when the space or node is not the owner's, or the address is not a
	 *         customer who can receive shares (one answer for every reason)
	 * @throws InvalidInputException for a vault share without manifest, files or wrapped key, or a
	 *         plain share with them
	 * @throws ConflictException when the recipient's key is no longer the one the browser wrapped for
	 */
	public Listed create(AccountId owner, NewPeerShare request, String address) {
		Space space = spaces.find(owner, request.space() == null ? "" : request.space())
			.orElseThrow(() -> new NotFoundException("space"));
		Node node = targets.target(space, request.path());
		boolean vault = space.kind() == SpaceKind.VAULT;
		List<UUID> files = vault ? targets.vaultFiles(space, request.manifest(), request.files()) : List.of();
		if (vault && (request.wrappedKey() == null || request.wrappedKey().length != WRAPPED_KEY_BYTES)) {
			throw new InvalidInputException("wrappedKey",
					"A vault share carries the manifest key wrapped for the recipient (" + WRAPPED_KEY_BYTES + " bytes).");
		}
		if (!vault && (request.manifest() != null || request.wrappedKey() != null
				|| (request.files() != null && !request.files().isEmpty()))) {
			throw new InvalidInputException("manifest", "Only vault shares carry a manifest, a file list and a wrapped key.");
		}
		var recipient = keys.recipient(owner, request.recipient());
		if (vault && !recipient.key().fingerprint().equals(request.recipientKey())) {
			throw new ConflictException("The recipient's sharing key is not the one you wrapped for. Look them up again.");
		}
		Instant now = clock.instant();
		var share = new PeerShare(UUID.randomUUID(), owner, recipient.account(), space.id(), node.id(), node.collection(),
				vault, now, null);
		transactions.executeWithoutResult(tx -> {
			shares.insert(share, vault ? request.manifest() : null, vault ? request.wrappedKey() : null);
			for (int i = 0; i < files.size(); i++) {
				shares.insertFile(share.id(), i, files.get(i));
			}
			events.publishEvent(new PeerShareEvent.PeerShareCreated(owner, share.id(), recipient.account(), vault));
		});
		log.record(share, ShareEvent.CREATED, now, NetworkPrefix.of(address));
		return listed(share);
	}

	/** The owner's shares to customers, newest first, revoked ones too. */
	public List<Listed> list(AccountId owner) {
		return shares.byOwner(owner).stream().map(this::listed).toList();
	}

	public Listed find(AccountId owner, UUID id) {
		return listed(mine(owner, id));
	}

	/** Revokes at once; revoking again changes nothing. */
	public void revoke(AccountId owner, UUID id, String address) {
		PeerShare share = mine(owner, id);
		Instant now = clock.instant();
		Boolean first = transactions.execute(tx -> {
			boolean revoked = shares.revoke(id, owner, now);
			if (revoked) {
				events.publishEvent(new PeerShareEvent.PeerShareRevoked(owner, id, share.recipient()));
			}
			return revoked;
		});
		if (Boolean.TRUE.equals(first)) {
			log.record(share, ShareEvent.REVOKED, now, NetworkPrefix.of(address));
		}
	}

	public List<ShareAccessEntry> accessLog(AccountId owner, UUID id) {
		return log.of(mine(owner, id).id());
	}

	private PeerShare mine(AccountId owner, UUID id) {
		return shares.find(id).filter(s -> s.owner().equals(owner)).orElseThrow(() -> new NotFoundException("share"));
	}

	private Listed listed(PeerShare share) {
		String space = spaces.find(share.space()).map(Space::name).orElse("");
		return new Listed(share, space, shared.path(share.node()), keys.emailOf(share.recipient()),
				keys.mine(share.recipient()).map(SharingKey::fingerprint).orElse(null));
	}
}
