package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.share.PeerShareAccess;
import io.kluis.storage.share.PeerShareAccess.Opened;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Shared with me" (STO-2): what other customers shared with the signed-in customer, at
 * {@code /api/v1/shares/received} and {@code /panel/files/api/shares/received}. Anything not shared
 * with the caller, revoked, or gone is the same 404. Plain content is served as an attachment that
 * is neither sniffed nor rendered; vault content as ciphertext with its encrypted manifest and the
 * manifest key wrapped for the caller, which only their browser unwraps.
 */
@RestController
@RequestMapping({ "/api/v1/shares/received", "/panel/files/api/shares/received" })
class ReceivedSharesApi {

	/**
	 * A share to you: who shared it; the name, node and size for plain content only (a vault's name is
	 * in its manifest, and its node is ciphertext).
	 */
	record ReceivedView(UUID id, String owner, @Nullable String name, @Nullable UUID node, @Nullable Long size,
			boolean folder, boolean encrypted, Instant created) {

		@Override
		public String toString() {
			return "ReceivedView[" + id + "]";
		}
	}

	record SealedView(String manifest, String wrappedKey) {

		@Override
		public String toString() {
			return "SealedView[]";
		}
	}

	record MemberView(UUID id, String name, boolean folder, long size) {

		@Override
		public String toString() {
			return "MemberView[" + id + "]";
		}
	}

	private final PeerShareAccess access;

	private final Downloads downloads;

	ReceivedSharesApi(PeerShareAccess access, Downloads downloads) {
		this.access = access;
		this.downloads = downloads;
	}

	@Operation(summary = "What other customers share with you now, newest first")
	@GetMapping
	List<ReceivedView> list(@AuthenticationPrincipal CurrentAccount current) {
		return access.sharedWith(current.id()).stream().map(r -> view(r.opened(), r.owner())).toList();
	}

	@Operation(summary = "A vault share's encrypted manifest and its key wrapped for your sharing key (base64)")
	@GetMapping("/{id}/manifest")
	SealedView manifest(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current,
			HttpServletRequest request, HttpServletResponse response) {
		Opened opened = open(current, id);
		var sealed = access.sealed(opened).orElseThrow(() -> new NotFoundException("share"));
		access.recordAccess(opened, request.getRemoteAddr());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		var encoder = Base64.getEncoder();
		return new SealedView(encoder.encodeToString(sealed.manifest()), encoder.encodeToString(sealed.wrappedKey()));
	}

	@Operation(summary = "The n-th ciphertext file of a vault share, exactly as stored")
	@GetMapping("/{id}/blobs/{ordinal}")
	void blob(@PathVariable UUID id, @PathVariable int ordinal, @AuthenticationPrincipal CurrentAccount current,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Opened opened = open(current, id);
		Node file = access.vaultFile(opened, ordinal).orElseThrow(() -> new NotFoundException("share"));
		access.recordDownload(opened, request.getRemoteAddr());
		send(response, file, "application/octet-stream");
	}

	@Operation(summary = "The members of a plain shared folder (or of a folder inside it)")
	@GetMapping("/{id}/members")
	List<MemberView> members(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID folder,
			@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) {
		Opened opened = open(current, id);
		List<Node> members = access.listing(opened, folder).orElseThrow(() -> new NotFoundException("share"));
		if (folder == null) {
			access.recordAccess(opened, request.getRemoteAddr());
		}
		return members.stream().map(n -> new MemberView(n.id(), n.name(), n.collection(), n.size())).toList();
	}

	@Operation(summary = "A file of a plain share: the shared file itself or one inside the shared folder")
	@GetMapping("/{id}/files/{node}")
	void file(@PathVariable UUID id, @PathVariable UUID node, @AuthenticationPrincipal CurrentAccount current,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Opened opened = open(current, id);
		Node file = access.plainFile(opened, node).orElseThrow(() -> new NotFoundException("share"));
		access.recordDownload(opened, request.getRemoteAddr());
		send(response, file, file.contentType() == null ? "application/octet-stream" : file.contentType());
	}

	private Opened open(CurrentAccount current, UUID id) {
		return access.open(current.id(), id).orElseThrow(() -> new NotFoundException("share"));
	}

	private void send(HttpServletResponse response, Node file, String type) throws IOException {
		SharePages.contentHeaders(response, type, file.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentLengthLong(file.size());
		downloads.send(response, access.content(file), file.size());
	}

	private static ReceivedView view(Opened opened, String owner) {
		var share = opened.share();
		boolean plain = !share.encrypted();
		return new ReceivedView(share.id(), owner, plain ? opened.node().name() : null, plain ? opened.node().id() : null,
				plain && !share.folder() ? opened.node().size() : null, share.folder(), share.encrypted(), share.createdAt());
	}
}
