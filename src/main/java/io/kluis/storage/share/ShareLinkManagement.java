package io.kluis.storage.share;

import io.kluis.identity.credentials.PasswordHasher;
import io.kluis.shared.AccountId;
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
 * The owner's side of share links (STO-2): create, list, revoke, read the access log. Everything
 * not the caller's is "not found", so nothing reveals another customer's links or files.
 */
@Service
public class ShareLinkManagement {

	/** The largest encrypted manifest a vault share may carry. */
	public static final int MAX_MANIFEST_BYTES = SharedTargets.MAX_MANIFEST_BYTES;

	/** The most ciphertext files one vault share may list. */
	public static final int MAX_FILES = SharedTargets.MAX_FILES;

	static final int MAX_PASSWORD_CHARS = 1024;

	static final int MAX_DOWNLOAD_LIMIT = 1_000_000;

	/** What the owner asks for. For a vault share, {@code path} and {@code files} are ciphertext paths. */
	public record NewShare(String space, String path, @Nullable Instant expiresAt, @Nullable String password,
			@Nullable Integer downloadLimit, byte @Nullable [] manifest, @Nullable List<String> files) {

		@Override
		public String toString() {
			return "NewShare[expires=" + expiresAt + ", password=" + (password != null) + ", limit=" + downloadLimit + "]";
		}
	}

	/** A new link and its token, which exists nowhere else: shown once, then only its hash is left. */
	public record Created(ShareLink link, String token) {

		@Override
		public String toString() {
			return "Created[" + link.id() + "]";
		}
	}

	/** A link as its owner sees it: where it points (names from the space's root; ciphertext in a vault). */
	public record Listed(ShareLink link, String space, List<String> path, ShareLink.State state) {

		@Override
		public String toString() {
			return "Listed[" + link.id() + "]";
		}
	}

	private final Spaces spaces;

	private final SharedTargets targets;

	private final ShareLinks links;

	private final ShareAccessLog log;

	private final ShareSecrets secrets;

	private final SharedNodes shared;

	private final PasswordHasher hasher;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ShareLinkManagement(Spaces spaces, SharedTargets targets, ShareLinks links, ShareAccessLog log, ShareSecrets secrets,
			SharedNodes shared, PasswordHasher hasher, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock) {
		this.spaces = spaces;
		this.targets = targets;
		this.links = links;
		this.log = log;
		this.secrets = secrets;
		this.shared = shared;
		this.hasher = hasher;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @throws NotFoundException when the space or the node is not the owner's
	 * @throws InvalidInputException for an expiry in the past, an empty password, a limit below 1, or
	 *         a vault share without its manifest and file list (or a plain share with them)
	 */
	public Created create(AccountId owner, NewShare request, String address) {
		Instant now = clock.instant();
		Space space = spaces.find(owner, request.space()).orElseThrow(() -> new NotFoundException("space"));
		Node node = targets.target(space, request.path());
		if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
			throw new InvalidInputException("expiresAt", "The expiry must lie in the future.");
		}
		String password = request.password();
		if (password != null && (password.isBlank() || password.length() > MAX_PASSWORD_CHARS)) {
			throw new InvalidInputException("password", "A link password has 1 to 1024 characters (or leave it out).");
		}
		Integer limit = request.downloadLimit();
		if (limit != null && (limit < 1 || limit > MAX_DOWNLOAD_LIMIT)) {
			throw new InvalidInputException("downloadLimit", "The download limit is between 1 and 1000000 (or leave it out).");
		}
		boolean vault = space.kind() == SpaceKind.VAULT;
		List<UUID> files = vault ? targets.vaultFiles(space, request.manifest(), request.files()) : List.of();
		if (!vault && (request.manifest() != null || (request.files() != null && !request.files().isEmpty()))) {
			throw new InvalidInputException("manifest", "Only vault shares carry a manifest and a file list.");
		}
		String token = secrets.newToken();
		var link = new ShareLink(UUID.randomUUID(), owner, space.id(), node.id(), node.collection(), vault, now,
				request.expiresAt(), password == null ? null : hasher.hash(password), 0, null, limit, 0, null, null);
		byte[] hash = secrets.hash(token);
		transactions.executeWithoutResult(tx -> {
			links.insert(link, hash, vault ? request.manifest() : null);
			for (int i = 0; i < files.size(); i++) {
				links.insertFile(link.id(), i, files.get(i));
			}
			events.publishEvent(new ShareLinkCreated(owner, link.id(), vault));
		});
		log.record(link, ShareEvent.CREATED, now, NetworkPrefix.of(address));
		return new Created(link, token);
	}

	public List<Listed> list(AccountId owner) {
		Instant now = clock.instant();
		return links.of(owner).stream().map(link -> listed(link, now)).toList();
	}

	public Listed find(AccountId owner, UUID id) {
		return listed(mine(owner, id), clock.instant());
	}

	private Listed listed(ShareLink link, Instant now) {
		String space = spaces.find(link.space()).map(Space::name).orElse("");
		return new Listed(link, space, shared.path(link.node()), link.state(now));
	}

	/** Revokes the link at once; revoking again changes nothing. */
	public void revoke(AccountId owner, UUID id, String address) {
		ShareLink link = mine(owner, id);
		Instant now = clock.instant();
		Boolean revoked = transactions.execute(tx -> {
			boolean first = links.revoke(id, owner, now);
			if (first) {
				events.publishEvent(new ShareLinkRevoked(owner, id));
			}
			return first;
		});
		if (Boolean.TRUE.equals(revoked)) {
			log.record(link, ShareEvent.REVOKED, now, NetworkPrefix.of(address));
		}
	}

	public List<ShareAccessEntry> accessLog(AccountId owner, UUID id) {
		return log.of(mine(owner, id).id());
	}

	private ShareLink mine(AccountId owner, UUID id) {
		return links.find(id).filter(l -> l.account().equals(owner)).orElseThrow(() -> new NotFoundException("share"));
	}
}
