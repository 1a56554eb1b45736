package io.kluis.storage.web;

import io.kluis.shared.AccountId;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Usage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the file manager's JSON ({@link FilesPanelController}, session) and the storage API
 * ({@link StorageApi}, app password) both do with the caller's own spaces: create one, the usage
 * figures, and the trash. The two controllers keep their own addresses, their own view of a space and
 * their own error rendering (an error page for the panel's controller, a problem document for the
 * API's); what a request does is decided here once.
 */
@Component
class OwnSpaces {

	record NewSpace(@Nullable String name, @Nullable SpaceKind kind) {
	}

	/** In bytes; the panel shows them in binary units (1 GiB = 2<sup>30</sup> bytes), as the README does. */
	@Schema(description = "Storage use in bytes. Kluis states sizes in binary units: 1 KiB = 1 024 bytes, "
			+ "1 MiB = 1 024 KiB, 1 GiB = 1 024 MiB (the default quota of 10 GiB is 10 737 418 240 bytes).")
	record UsageView(long usedBytes, long quotaBytes, long availableBytes) {
	}

	record TrashView(UUID id, String name, boolean folder, long size, Instant deletedAt) {

		@Override
		public String toString() {
			return "TrashView[" + id + "]";
		}
	}

	private final Spaces spaces;

	private final FileTree tree;

	private final Usage usage;

	OwnSpaces(Spaces spaces, FileTree tree, Usage usage) {
		this.spaces = spaces;
		this.tree = tree;
		this.usage = usage;
	}

	List<Space> list(AccountId owner) {
		return spaces.list(owner);
	}

	/** A new space: a name is required, the kind is PLAIN unless VAULT is asked for; sites come with hosting. */
	Space create(AccountId owner, @Nullable NewSpace body) {
		if (body == null || body.name() == null) {
			throw new InvalidInputException("name", "A space needs a name.");
		}
		if (body.kind() == SpaceKind.SITE) {
			throw new InvalidInputException("kind", "Site spaces come with a hosting package.");
		}
		return spaces.create(owner, body.name(), body.kind() == null ? SpaceKind.PLAIN : body.kind());
	}

	/** One of the owner's spaces; someone else's is as unknown as one that does not exist. */
	Space find(AccountId owner, String name) {
		return spaces.find(owner, name).orElseThrow(() -> new NotFoundException("space"));
	}

	UsageView usage(AccountId owner) {
		var figures = usage.of(owner);
		return new UsageView(figures.used(), figures.quota(), figures.available());
	}

	List<TrashView> trash(AccountId owner, String space) {
		return tree.trashItems(find(owner, space))
			.stream()
			.map(t -> new TrashView(t.node().id(), t.originalName(), t.node().collection(), t.node().size(),
					t.deletedAt()))
			.toList();
	}

	void restore(AccountId owner, String space, UUID id) {
		tree.restore(find(owner, space), id);
	}

	void purge(AccountId owner, String space, UUID id) {
		tree.purgeFromTrash(find(owner, space), id);
	}
}
