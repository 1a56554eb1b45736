package io.kluis.storage.share;

import io.kluis.identity.credentials.PasswordHasher;
import io.kluis.privacy.SubjectRestrictions;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The recipient's side of a share link, without an account. A link works only while it is active
 * (not revoked, expired or used up), its owner has not restricted processing (RIG-4: serving a link
 * is processing, so a restricted account's links stop working until the restriction is lifted), and
 * what it points at is still there (not in the trash). Otherwise it is indistinguishable from a
 * token that never existed: callers answer every such case the same way.
 *
 * <p>Password attempts are limited per guesser — the link and the visitor's network (IPv4 /24,
 * IPv6 /48): {@value #FREE_PASSWORD_ATTEMPTS} failures, then that network's attempts on that link are
 * refused for a minute, doubling with each further failure up to an hour. Refusing the link itself
 * would let one guesser lock out everyone who knows the password (issue 8); throttling the guesser
 * costs this: guesses spread over many networks get five tries from each. The owner sees every
 * failure (with its network) in the link's log, and a link password should not be guessable in
 * that many tries.
 */
@Service
public class ShareLinkAccess {

	private static final Logger log = LoggerFactory.getLogger(ShareLinkAccess.class);

	/** How long the right password opens the link in that browser before it is asked again. */
	public static final Duration GRANT_VALIDITY = Duration.ofHours(1);

	static final int FREE_PASSWORD_ATTEMPTS = 5;

	static final Duration MAX_BLOCK = Duration.ofHours(1);

	/** An active link and what it points at. */
	public record Opened(ShareLink link, Space space, Node node) {

		@Override
		public String toString() {
			return "Opened[" + link.id() + "]";
		}
	}

	/** The outcome of a password attempt. */
	public sealed interface PasswordCheck {
	}

	/** The right password: a grant (the cookie value) valid until {@code until}. */
	public record Granted(String grant, Instant until) implements PasswordCheck {

		@Override
		public String toString() {
			return "Granted[until=" + until + "]";
		}
	}

	/** A wrong password, or an attempt while the link refuses attempts ({@code blocked}). */
	public record Refused(boolean blocked) implements PasswordCheck {
	}

	private final ShareLinks links;

	private final ShareAccessLog accessLog;

	private final ShareSecrets secrets;

	private final SharedNodes shared;

	private final Spaces spaces;

	private final FileTree tree;

	private final PasswordHasher hasher;

	private final SubjectRestrictions restrictions;

	private final Clock clock;

	private final ShareGuessers guessers;

	ShareLinkAccess(ShareLinks links, ShareAccessLog accessLog, ShareSecrets secrets, SharedNodes shared, Spaces spaces,
			FileTree tree, PasswordHasher hasher, SubjectRestrictions restrictions, ShareGuessers guessers, Clock clock) {
		this.guessers = guessers;
		this.links = links;
		this.accessLog = accessLog;
		this.secrets = secrets;
		this.shared = shared;
		this.spaces = spaces;
		this.tree = tree;
		this.hasher = hasher;
		this.restrictions = restrictions;
		this.clock = clock;
	}

	/** The link behind a token, when it works now; empty for every other case alike. */
	public Optional<Opened> open(@Nullable String token) {
		if (!ShareSecrets.wellFormed(token)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Optional<ShareLink> link = links.byTokenHash(secrets.hash(token))
			.filter(l -> l.state(now) == ShareLink.State.ACTIVE)
			.filter(l -> !restrictions.isRestricted(l.account()));
		if (link.isEmpty()) {
			return Optional.empty();
		}
		Optional<Space> space = spaces.find(link.get().space());
		Optional<Node> node = shared.live(link.get().space(), link.get().node());
		if (space.isEmpty() || node.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Opened(link.get(), space.get(), node.get()));
	}

	/** Whether the visitor may see the contents: no password, or a valid grant for this very link. */
	public boolean admitted(Opened opened, @Nullable String grant) {
		return !opened.link().passwordProtected()
				|| secrets.granted(grant, clock.instant()).filter(opened.link().id()::equals).isPresent();
	}

	public PasswordCheck checkPassword(Opened opened, @Nullable String password, String address) {
		ShareLink link = opened.link();
		Instant now = clock.instant();
		String hash = link.passwordHash();
		if (hash == null) {
			return new Granted(secrets.grant(link.id(), now.plus(GRANT_VALIDITY)), now.plus(GRANT_VALIDITY));
		}
		String network = NetworkPrefix.of(address);
		byte[] guesser = secrets.guesser(link.id(), network);
		if (guessers.blockedUntil(link.id(), guesser, now).isPresent()) {
			return new Refused(true);
		}
		String attempt = password == null ? "" : password;
		boolean right = !attempt.isEmpty() && attempt.length() <= ShareLinkManagement.MAX_PASSWORD_CHARS
				&& hasher.matches(attempt, hash);
		if (right) {
			guessers.succeeded(link.id(), guesser);
			Instant until = now.plus(GRANT_VALIDITY);
			return new Granted(secrets.grant(link.id(), until), until);
		}
		int failures = guessers.failed(link.id(), guesser, now);
		accessLog.record(link, ShareEvent.PASSWORD_FAILED, now, network);
		if (failures >= FREE_PASSWORD_ATTEMPTS) {
			long minutes = 1L << Math.min(failures - FREE_PASSWORD_ATTEMPTS, 6);
			Duration block = Duration.ofMinutes(minutes).compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : Duration.ofMinutes(minutes);
			guessers.block(link.id(), guesser, now.plus(block));
			log.info("event=storage.share.password-blocked share={} failures={}", link.id(), failures);
		}
		return new Refused(false);
	}

	public void recordAccess(Opened opened, String address) {
		accessLog.record(opened.link(), ShareEvent.ACCESSED, clock.instant(), NetworkPrefix.of(address));
	}

	/** A folder of a shared plain folder (the shared folder itself when {@code folder} is null) and its members. */
	public Optional<List<Node>> listing(Opened opened, @Nullable UUID folder) {
		if (opened.link().encrypted() || !opened.link().folder()) {
			return Optional.empty();
		}
		UUID id = folder == null ? opened.node().id() : folder;
		return shared.inside(opened.space().id(), opened.node().id(), id)
			.filter(Node::collection)
			.map(tree::children);
	}

	/** A file of a plain share: the shared file itself, or a file inside the shared folder. */
	public Optional<Node> plainFile(Opened opened, UUID id) {
		if (opened.link().encrypted()) {
			return Optional.empty();
		}
		return shared.inside(opened.space().id(), opened.node().id(), id).filter(n -> !n.collection());
	}

	/** The {@code ordinal}-th ciphertext file of a vault share's manifest, while it is still there. */
	public Optional<Node> vaultFile(Opened opened, int ordinal) {
		if (!opened.link().encrypted() || ordinal < 0) {
			return Optional.empty();
		}
		return links.file(opened.link().id(), ordinal)
			.flatMap(id -> shared.live(opened.space().id(), id))
			.filter(n -> !n.collection());
	}

	/** The encrypted manifest of a vault share: opaque bytes, the key to them is in the link's fragment. */
	public Optional<byte[]> manifest(Opened opened) {
		return opened.link().encrypted() ? links.manifest(opened.link().id()) : Optional.empty();
	}

	/** Counts and logs one download; false once the link's download limit is used up. */
	public boolean download(Opened opened, String address) {
		Instant now = clock.instant();
		if (!links.countDownload(opened.link().id(), now)) {
			return false;
		}
		accessLog.record(opened.link(), ShareEvent.DOWNLOADED, now, NetworkPrefix.of(address));
		return true;
	}

	public InputStream content(Node file) throws IOException {
		return tree.open(file, 0, file.size());
	}

	public Optional<Path> localFile(Node file) {
		return tree.localFile(file);
	}
}
