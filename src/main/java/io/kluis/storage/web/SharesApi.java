package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.storage.share.ShareAccessEntry;
import io.kluis.storage.share.ShareLink;
import io.kluis.storage.share.ShareLinkManagement.NewShare;
import io.kluis.storage.share.ShareLinkManagement;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's share links (STO-2), at two addresses with one implementation: {@code /api/v1/shares}
 * for API clients (HTTP Basic with an app password) and {@code /panel/files/api/shares} for the file
 * manager (session and CSRF token). The security chains tell them apart; the logic is in
 * {@link ShareLinkManagement}. The token is in the answer to the creation only.
 */
@RestController
@RequestMapping({ "/api/v1/shares", "/panel/files/api/shares" })
class SharesApi {

	record NewShareBody(@Nullable String space, @Nullable String path, @Nullable Instant expiresAt,
			@Nullable String password, @Nullable Integer downloadLimit, @Nullable String manifest,
			@Nullable List<String> files) {

		@Override
		public String toString() {
			return "NewShareBody[]";
		}
	}

	record ShareView(UUID id, String space, String path, String name, boolean folder, boolean encrypted,
			Instant created, @Nullable Instant expiresAt, boolean password, @Nullable Integer downloadLimit,
			int downloads, String state, @Nullable Instant revokedAt) {

		@Override
		public String toString() {
			return "ShareView[" + id + "]";
		}
	}

	/** The new link: {@code url} holds the token, shown this once. */
	record CreatedView(ShareView share, String url, String token) {

		@Override
		public String toString() {
			return "CreatedView[" + share.id() + "]";
		}
	}

	record LogView(Instant at, String event, String network) {

		/** An access-log entry as the API shows it, for links and shares to customers alike. */
		static LogView of(ShareAccessEntry entry) {
			return new LogView(entry.at(), entry.event().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
					entry.network());
		}
	}

	private final ShareLinkManagement shares;

	private final String baseUrl;

	SharesApi(ShareLinkManagement shares, @Value("${kluis.base-url}") String baseUrl) {
		this.shares = shares;
		this.baseUrl = baseUrl;
	}

	@Operation(summary = "List your share links, newest first (revoked and expired ones too)")
	@GetMapping
	List<ShareView> list(@AuthenticationPrincipal CurrentAccount current) {
		return shares.list(current.id()).stream().map(SharesApi::view).toList();
	}

	@Operation(summary = "Create a share link for a file or folder: optional expiry, password and download limit; "
			+ "for a vault, the encrypted manifest (base64) and the ciphertext files it names")
	@PostMapping
	ResponseEntity<CreatedView> create(@RequestBody(required = false) @Nullable NewShareBody body,
			@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) {
		if (body == null || body.space() == null || body.path() == null) {
			throw new InvalidInputException("path", "Say which space and which file or folder to share.");
		}
		byte[] manifest = null;
		if (body.manifest() != null) {
			try {
				manifest = Base64.getDecoder().decode(body.manifest());
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException("manifest", "The manifest must be base64.");
			}
		}
		var created = shares.create(current.id(), new NewShare(body.space(), body.path(), body.expiresAt(),
				body.password(), body.downloadLimit(), manifest, body.files()), request.getRemoteAddr());
		ShareView view = view(shares.find(current.id(), created.link().id()));
		String base = request.getRequestURI().startsWith("/api/") ? "/api/v1/shares/" : "/panel/files/api/shares/";
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create(base + view.id()))
			.body(new CreatedView(view, baseUrl + "/s/" + created.token(), created.token()));
	}

	@Operation(summary = "One of your share links")
	@GetMapping("/{id}")
	ShareView show(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		return view(shares.find(current.id(), id));
	}

	@Operation(summary = "Revoke a share link: from now on it looks like a link that never existed")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current,
			HttpServletRequest request) {
		shares.revoke(current.id(), id, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Who used a share link and when (networks truncated to /24 or /48)")
	@GetMapping("/{id}/log")
	List<LogView> log(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		return shares.accessLog(current.id(), id)
			.stream()
			.map(LogView::of)
			.toList();
	}

	private static ShareView view(ShareLinkManagement.Listed listed) {
		ShareLink link = listed.link();
		List<String> path = listed.path();
		return new ShareView(link.id(), listed.space(), String.join("/", path),
				path.isEmpty() ? "" : path.get(path.size() - 1), link.folder(), link.encrypted(), link.createdAt(),
				link.expiresAt(), link.passwordProtected(), link.downloadLimit(), link.downloads(),
				listed.state().name().toLowerCase(java.util.Locale.ROOT), link.revokedAt());
	}
}
