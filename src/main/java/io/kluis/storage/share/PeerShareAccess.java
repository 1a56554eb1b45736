package io.kluis.storage.share;

import io.kluis.privacy.SubjectRestrictions;
import io.kluis.shared.AccountId;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The recipient's side of shares from other customers (STO-2), for the signed-in recipient only. A
 * share is there while it is not revoked, its owner has not restricted processing (RIG-4, as for
 * links) and what it points at is live; every other case — revoked, someone else's, never existed —
 * is the same empty answer, which callers turn into one 404.
 */
@Service
public class PeerShareAccess {

	/** A share that works now and what it points at. */
	public record Opened(PeerShare share, Space space, Node node) {

		@Override
		public String toString() {
			return "Opened[" + share.id() + "]";
		}
	}

	/** A share as its recipient sees it: who shared it and, for plain content, its name. */
	public record Received(Opened opened, String owner) {

		@Override
		public String toString() {
			return "Received[" + opened.share().id() + "]";
		}
	}

	/** A vault share's encrypted manifest and its key wrapped for the recipient. */
	public record Sealed(byte[] manifest, byte[] wrappedKey) {

		@Override
		public String toString() {
			return "Sealed[]";
		}
	}

	private final PeerShares shares;

	private final ShareAccessLog log;

	private final SharedNodes shared;

	private final Spaces spaces;

	private final FileTree tree;

	private final SharingKeyManagement keys;

	private final SubjectRestrictions restrictions;

	private final Clock clock;

	PeerShareAccess(PeerShares shares, ShareAccessLog log, SharedNodes shared, Spaces spaces, FileTree tree,
			SharingKeyManagement keys, SubjectRestrictions restrictions, Clock clock) {
		this.shares = shares;
		this.log = log;
		this.shared = shared;
		this.spaces = spaces;
		this.tree = tree;
		this.keys = keys;
		this.restrictions = restrictions;
		this.clock = clock;
	}

	/** The shares that work for {@code recipient} now, newest first. */
	public List<Received> sharedWith(AccountId recipient) {
		return shares.toRecipient(recipient)
			.stream()
			.map(this::opened)
			.flatMap(Optional::stream)
			.map(o -> new Received(o, keys.emailOf(o.share().owner())))
			.toList();
	}

	/** The share, when it is {@code recipient}'s and works now. */
	public Optional<Opened> open(AccountId recipient, UUID id) {
		return shares.find(id).filter(s -> s.recipient().equals(recipient)).flatMap(this::opened);
	}

	private Optional<Opened> opened(PeerShare share) {
		if (!share.active() || restrictions.isRestricted(share.owner())) {
			return Optional.empty();
		}
		Optional<Space> space = spaces.find(share.space());
		Optional<Node> node = shared.live(share.space(), share.node());
		if (space.isEmpty() || node.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Opened(share, space.get(), node.get()));
	}

	/** A folder of a plain shared folder (the shared folder itself when {@code folder} is null) and its members. */
	public Optional<List<Node>> listing(Opened opened, @Nullable UUID folder) {
		if (opened.share().encrypted() || !opened.share().folder()) {
			return Optional.empty();
		}
		UUID id = folder == null ? opened.node().id() : folder;
		return shared.inside(opened.space().id(), opened.node().id(), id).filter(Node::collection).map(tree::children);
	}

	/** A file of a plain share: the shared file itself, or a file inside the shared folder. */
	public Optional<Node> plainFile(Opened opened, UUID id) {
		if (opened.share().encrypted()) {
			return Optional.empty();
		}
		return shared.inside(opened.space().id(), opened.node().id(), id).filter(n -> !n.collection());
	}

	/** The {@code ordinal}-th ciphertext file of a vault share's manifest, while it is still there. */
	public Optional<Node> vaultFile(Opened opened, int ordinal) {
		if (!opened.share().encrypted() || ordinal < 0) {
			return Optional.empty();
		}
		return shares.file(opened.share().id(), ordinal)
			.flatMap(id -> shared.live(opened.space().id(), id))
			.filter(n -> !n.collection());
	}

	public Optional<Sealed> sealed(Opened opened) {
		return opened.share().encrypted()
				? shares.sealed(opened.share().id()).map(s -> new Sealed(s.manifest(), s.wrappedKey()))
				: Optional.empty();
	}

	public void recordAccess(Opened opened, String address) {
		log.record(opened.share(), ShareEvent.ACCESSED, clock.instant(), NetworkPrefix.of(address));
	}

	public void recordDownload(Opened opened, String address) {
		log.record(opened.share(), ShareEvent.DOWNLOADED, clock.instant(), NetworkPrefix.of(address));
	}

	public InputStream content(Node file) throws IOException {
		return tree.open(file, 0, file.size());
	}
}
