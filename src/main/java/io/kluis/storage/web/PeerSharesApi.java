package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.share.PeerShare;
import io.kluis.storage.share.PeerShareManagement;
import io.kluis.storage.share.PeerShareManagement.NewPeerShare;
import io.kluis.storage.share.SharingKey;
import io.kluis.storage.share.SharingKeyManagement;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's side of shares to other customers (STO-2) and the sharing key pair, at the same two
 * addresses as {@link SharesApi}: {@code /api/v1/shares/…} (app password) and
 * {@code /panel/files/api/shares/…} (session and CSRF token). Email addresses travel in request
 * bodies only, never in a URL. The recipient's side is {@link ReceivedSharesApi}.
 */
@RestController
@RequestMapping({ "/api/v1/shares", "/panel/files/api/shares" })
class PeerSharesApi {

	record KeyBody(@Nullable String space, @Nullable String publicKey, @Nullable String wrappedPrivateKey) {

		@Override
		public String toString() {
			return "KeyBody[]";
		}
	}

	/** Your own key pair: the wrapped private key only your vault's keys open. */
	record KeyView(String space, String publicKey, String wrappedPrivateKey, String fingerprint, Instant created) {

		@Override
		public String toString() {
			return "KeyView[]";
		}
	}

	record LookupBody(@Nullable String email) {

		@Override
		public String toString() {
			return "LookupBody[]";
		}
	}

	record RecipientView(String publicKey, String fingerprint) {
	}

	record NewBody(@Nullable String space, @Nullable String path, @Nullable String recipient,
			@Nullable String recipientKey, @Nullable String manifest, @Nullable List<String> files,
			@Nullable String wrappedKey) {

		@Override
		public String toString() {
			return "NewBody[]";
		}
	}

	/** A share to a customer as its owner sees it: {@code recipient} is who has access. */
	record CustomerShareView(UUID id, String space, String path, String name, boolean folder, boolean encrypted,
			String recipient, @Nullable String recipientKey, Instant created, String state, @Nullable Instant revokedAt) {

		@Override
		public String toString() {
			return "CustomerShareView[" + id + "]";
		}
	}

	private final SharingKeyManagement keys;

	private final PeerShareManagement shares;

	PeerSharesApi(SharingKeyManagement keys, PeerShareManagement shares) {
		this.keys = keys;
		this.shares = shares;
	}

	@Operation(summary = "Your sharing key pair: public key, fingerprint, and the private key wrapped under your vault's keys")
	@GetMapping("/key")
	KeyView key(@AuthenticationPrincipal CurrentAccount current) {
		return keys.mine(current.id()).map(this::view).orElseThrow(() -> new NotFoundException("sharing key"));
	}

	@Operation(summary = "Publish your sharing key pair (made in your browser); 409 if you have one")
	@PutMapping("/key")
	ResponseEntity<KeyView> publish(@RequestBody(required = false) @Nullable KeyBody body,
			@AuthenticationPrincipal CurrentAccount current) {
		if (body == null) {
			throw new InvalidInputException("publicKey", "Send the space, the public key and the wrapped private key.");
		}
		SharingKey key = keys.publish(current.id(), body.space(), decode("publicKey", body.publicKey()),
				decode("wrappedPrivateKey", body.wrappedPrivateKey()));
		return ResponseEntity.status(HttpStatus.CREATED).body(view(key));
	}

	@Operation(summary = "Look up a customer who can receive shares, by email address (in the body); "
			+ "404 alike for every address that cannot; limited per hour")
	@PostMapping("/recipients")
	RecipientView recipient(@RequestBody(required = false) @Nullable LookupBody body,
			@AuthenticationPrincipal CurrentAccount current) {
		var recipient = keys.recipient(current.id(), body == null ? null : body.email());
		return new RecipientView(Base64.getEncoder().encodeToString(recipient.key().publicKey()),
				recipient.key().fingerprint());
	}

	@Operation(summary = "Your shares to other customers, newest first (revoked ones too)")
	@GetMapping("/customers")
	List<CustomerShareView> list(@AuthenticationPrincipal CurrentAccount current) {
		return shares.list(current.id()).stream().map(PeerSharesApi::view).toList();
	}

	@Operation(summary = "Share a file or folder with another customer; for a vault, the encrypted manifest, "
			+ "its ciphertext files and the manifest key wrapped for the recipient's key (its fingerprint in recipientKey)")
	@PostMapping("/customers")
	ResponseEntity<CustomerShareView> create(@RequestBody(required = false) @Nullable NewBody body,
			@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) {
		if (body == null || body.space() == null || body.path() == null) {
			throw new InvalidInputException("path", "Say which space and which file or folder to share.");
		}
		var created = shares.create(current.id(), new NewPeerShare(body.space(), body.path(), body.recipient(),
				body.recipientKey(), optional("manifest", body.manifest()), body.files(),
				optional("wrappedKey", body.wrappedKey())), request.getRemoteAddr());
		CustomerShareView view = view(created);
		String base = request.getRequestURI().startsWith("/api/") ? "/api/v1/shares/customers/"
				: "/panel/files/api/shares/customers/";
		return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(base + view.id())).body(view);
	}

	@Operation(summary = "One of your shares to another customer")
	@GetMapping("/customers/{id}")
	CustomerShareView show(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		return view(shares.find(current.id(), id));
	}

	@Operation(summary = "Revoke a share to another customer: at once, they get 404 from then on")
	@DeleteMapping("/customers/{id}")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current,
			HttpServletRequest request) {
		shares.revoke(current.id(), id, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "When a share to another customer was created, opened, downloaded and revoked (networks truncated)")
	@GetMapping("/customers/{id}/log")
	List<SharesApi.LogView> log(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		return shares.accessLog(current.id(), id)
			.stream()
			.map(SharesApi.LogView::of)
			.toList();
	}

	private static byte[] decode(String field, @Nullable String base64) {
		byte[] bytes = optional(field, base64);
		if (bytes == null) {
			throw new InvalidInputException(field, "The " + field + " is missing.");
		}
		return bytes;
	}

	private static byte @Nullable [] optional(String field, @Nullable String base64) {
		if (base64 == null) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException(field, "The " + field + " must be base64.");
		}
	}

	private KeyView view(SharingKey key) {
		var encoder = Base64.getEncoder();
		return new KeyView(keys.spaceName(key), encoder.encodeToString(key.publicKey()),
				encoder.encodeToString(key.wrappedPrivateKey()), key.fingerprint(), key.createdAt());
	}

	private static CustomerShareView view(PeerShareManagement.Listed listed) {
		PeerShare share = listed.share();
		List<String> path = listed.path();
		return new CustomerShareView(share.id(), listed.space(), String.join("/", path),
				path.isEmpty() ? "" : path.get(path.size() - 1), share.folder(), share.encrypted(), listed.recipient(),
				listed.recipientKey(), share.createdAt(), share.active() ? "active" : "revoked", share.revokedAt());
	}
}
