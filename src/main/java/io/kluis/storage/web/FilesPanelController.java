package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.privacy.RetentionPeriods;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.ReadOnlyStorage;
import io.kluis.storage.files.InvalidNameException;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.web.OwnSpaces.NewSpace;
import io.kluis.storage.web.OwnSpaces.TrashView;
import io.kluis.storage.web.OwnSpaces.UsageView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The file manager in the panel ({@code /panel/files}): the page, and the few JSON calls it needs
 * besides WebDAV ({@code /panel/dav/}) and resumable uploads ({@code /panel/uploads}): spaces,
 * usage for the quota meter, and the trash. Session and CSRF token, like every panel call. In a
 * vault everything here is ciphertext: names are decrypted in the browser. What the calls do is
 * {@link OwnSpaces}, shared with the storage API.
 */
@Controller
class FilesPanelController {

	/** The texts the page's script shows, rendered into the page in the visitor's language. */
	static final List<String> SCRIPT_TEXTS = List.of("loading", "empty", "folder", "file", "download", "rename",
			"delete", "restore", "purge", "uploading", "uploaded", "downloaded", "failed", "error", "created", "deleted", "restored",
			"moved", "unlocked", "locked", "wrongPassphrase", "mismatch", "tooShort", "nameMissing", "exists",
			"trashEmpty", "unknownName", "root", "confirmDelete", "confirmPurge", "usage", "vault", "plain", "site",
			"newName", "cancel", "save", "decrypting", "recoveryMismatch", "passphraseChanged", "share", "shareCreate",
			"shareExpires", "sharePassword", "shareLimit", "shareLink", "shareCreated", "revoke", "revoked", "confirmRevoke",
			"accessLog", "shareState.active", "shareState.expired", "shareState.exhausted", "shareState.revoked",
			"downloads", "encryptedItem", "noShares", "shareCustomer", "shareWithCustomer", "noRecipient", "tooManyLookups",
			"sharedWithCustomer", "noCustomerShares", "confirmRevokeCustomer", "revokedCustomer", "open", "nothingShared",
			"unlockToOpen", "waiting", "resuming", "uploadTotal", "saving");

	record SpaceView(String name, SpaceKind kind, Instant created) {
	}

	private final OwnSpaces spaces;

	private final FileTree tree;

	private final RetentionPeriods retention;

	private final ReadOnlyStorage readOnly;

	FilesPanelController(OwnSpaces spaces, FileTree tree, RetentionPeriods retention, ReadOnlyStorage readOnly) {
		this.readOnly = readOnly;
		this.spaces = spaces;
		this.tree = tree;
		this.retention = retention;
	}

	@GetMapping("/panel/files")
	String page(Model model, @AuthenticationPrincipal CurrentAccount current) {
		model.addAttribute("readOnly", readOnly.reasons(current.id()).stream().map(Enum::name).toList());
		model.addAttribute("scriptTexts", SCRIPT_TEXTS);
		model.addAttribute("trashDays", retention.of("storage-trash").toDays());
		return "storage/files";
	}

	@GetMapping("/panel/files/api/spaces")
	@ResponseBody
	List<SpaceView> spaces(@AuthenticationPrincipal CurrentAccount current) {
		return spaces.list(current.id()).stream().map(FilesPanelController::view).toList();
	}

	@PostMapping("/panel/files/api/spaces")
	@ResponseBody
	ResponseEntity<SpaceView> create(@RequestBody(required = false) @Nullable NewSpace body,
			@AuthenticationPrincipal CurrentAccount current) {
		return ResponseEntity.status(HttpStatus.CREATED).body(view(spaces.create(current.id(), body)));
	}

	@GetMapping("/panel/files/api/usage")
	@ResponseBody
	UsageView usage(@AuthenticationPrincipal CurrentAccount current) {
		return spaces.usage(current.id());
	}

	@GetMapping("/panel/files/api/spaces/{name}/trash")
	@ResponseBody
	List<TrashView> trash(@PathVariable String name, @AuthenticationPrincipal CurrentAccount current) {
		return spaces.trash(current.id(), name);
	}

	/** A deletion with companions: paths relative to the space; see {@link FileTree#deleteWithCompanions}. */
	record Deletion(@Nullable String path, @Nullable List<String> with) {

		@Override
		public String toString() {
			return "Deletion[" + (with == null ? 0 : with.size()) + " companions]";
		}
	}

	record Trashed(UUID id) {
	}

	/**
	 * Moves an item to the trash with the nodes that belong to it (a vault folder's link and the
	 * content directories of its subtree, which only the browser can name): one trash item that is
	 * restored and purged as a whole.
	 */
	@PostMapping("/panel/files/api/spaces/{name}/trash")
	@ResponseBody
	ResponseEntity<Trashed> trashWithCompanions(@PathVariable String name, @RequestBody(required = false) @Nullable Deletion body,
			@AuthenticationPrincipal CurrentAccount current) {
		if (body == null || body.path() == null || body.path().isBlank()) {
			throw new InvalidInputException("path", "Give the path of what to delete.");
		}
		List<String> with = body.with() == null ? List.of() : body.with();
		if (with.size() > MAX_COMPANIONS) {
			throw new InvalidInputException("with", "At most " + MAX_COMPANIONS + " companions.");
		}
		Node trashed = tree.deleteWithCompanions(space(current, name), path("path", body.path()),
				with.stream().map(p -> path("with", p)).toList());
		return ResponseEntity.status(HttpStatus.CREATED).body(new Trashed(trashed.id()));
	}

	static final int MAX_COMPANIONS = 10_000;

	private static FilePath path(String field, @Nullable String path) {
		if (path == null) {
			throw new InvalidInputException(field, "A path is missing.");
		}
		try {
			return FilePath.of(Arrays.stream(path.split("/")).filter(n -> !n.isEmpty()).toList());
		}
		catch (InvalidNameException e) {
			throw new InvalidInputException(field, e.getMessage());
		}
	}

	@PostMapping("/panel/files/api/spaces/{name}/trash/{id}/restore")
	ResponseEntity<Void> restore(@PathVariable String name, @PathVariable UUID id,
			@AuthenticationPrincipal CurrentAccount current) {
		spaces.restore(current.id(), name, id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/panel/files/api/spaces/{name}/trash/{id}")
	ResponseEntity<Void> purge(@PathVariable String name, @PathVariable UUID id,
			@AuthenticationPrincipal CurrentAccount current) {
		spaces.purge(current.id(), name, id);
		return ResponseEntity.noContent().build();
	}

	private Space space(CurrentAccount current, String name) {
		return spaces.find(current.id(), name);
	}

	private static SpaceView view(Space space) {
		return new SpaceView(space.name(), space.kind(), space.createdAt());
	}
}
