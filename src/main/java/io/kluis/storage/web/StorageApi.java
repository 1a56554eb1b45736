package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.web.OwnSpaces.NewSpace;
import io.kluis.storage.web.OwnSpaces.TrashView;
import io.kluis.storage.web.OwnSpaces.UsageView;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spaces, usage and the trash over the JSON API (HTTP Basic with an app password). Files
 * themselves are reached over WebDAV at {@code /dav/<space>/}. What the calls do is
 * {@link OwnSpaces}, shared with the file manager's JSON.
 */
@RestController
@RequestMapping("/api/v1")
class StorageApi {

	record SpaceView(String name, SpaceKind kind, Instant created, String webdav) {
	}

	private final OwnSpaces spaces;

	private final FileTree tree;

	private final String baseUrl;

	StorageApi(OwnSpaces spaces, FileTree tree, @Value("${kluis.base-url}") String baseUrl) {
		this.spaces = spaces;
		this.tree = tree;
		this.baseUrl = baseUrl;
	}

	@Operation(summary = "List your storage spaces (your vault is always there)")
	@GetMapping("/spaces")
	List<SpaceView> spaces(@AuthenticationPrincipal CurrentAccount current) {
		return spaces.list(current.id()).stream().map(this::view).toList();
	}

	@Operation(summary = "Create a space: PLAIN for WebDAV clients with their own encryption (or none), VAULT for an end-to-end encrypted vault")
	@PostMapping("/spaces")
	ResponseEntity<SpaceView> create(@RequestBody(required = false) @Nullable NewSpace body,
			@AuthenticationPrincipal CurrentAccount current) {
		Space space = spaces.create(current.id(), body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/spaces/" + space.name()))
			.body(view(space));
	}

	@Operation(summary = "Delete a space and everything in it, for good; confirm by repeating its name")
	@DeleteMapping("/spaces/{name}")
	ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(required = false) @Nullable String confirm,
			@AuthenticationPrincipal CurrentAccount current) {
		Space space = spaces.find(current.id(), name);
		if (!name.equals(confirm)) {
			throw new InvalidInputException("confirm", "Repeat the space's name in 'confirm' to delete it for good.");
		}
		tree.deleteSpace(space);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "How much of your storage is in use (live files and trash)")
	@GetMapping("/storage")
	UsageView usage(@AuthenticationPrincipal CurrentAccount current) {
		return spaces.usage(current.id());
	}

	@Operation(summary = "What is in a space's trash (in a vault the names are ciphertext)")
	@GetMapping("/spaces/{name}/trash")
	List<TrashView> trash(@PathVariable String name, @AuthenticationPrincipal CurrentAccount current) {
		return spaces.trash(current.id(), name);
	}

	@Operation(summary = "Restore a trashed item to where it was")
	@PostMapping("/spaces/{name}/trash/{id}/restore")
	ResponseEntity<Void> restore(@PathVariable String name, @PathVariable UUID id,
			@AuthenticationPrincipal CurrentAccount current) {
		spaces.restore(current.id(), name, id);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Delete a trashed item for good")
	@DeleteMapping("/spaces/{name}/trash/{id}")
	ResponseEntity<Void> purge(@PathVariable String name, @PathVariable UUID id,
			@AuthenticationPrincipal CurrentAccount current) {
		spaces.purge(current.id(), name, id);
		return ResponseEntity.noContent().build();
	}

	private SpaceView view(Space space) {
		return new SpaceView(space.name(), space.kind(), space.createdAt(), baseUrl + "/dav/" + space.name() + "/");
	}
}
