package io.kluis.storage.web;

import io.kluis.storage.content.UserContentHeaders;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.files.Node;
import io.kluis.storage.share.ShareLinkAccess.Granted;
import io.kluis.storage.share.ShareLinkAccess.Opened;
import io.kluis.storage.share.ShareLinkAccess.Refused;
import io.kluis.storage.share.ShareLinkAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a share link's recipient sees, without an account: {@code /s/<token>}. A link that is
 * unknown, expired, revoked, used up, or whose target is gone gets the very same 404 page (one
 * method renders it), and no password is checked for it. Every answer carries
 * {@code Referrer-Policy: no-referrer} (the security chain for {@code /s/**}) so the token never
 * leaks to another site, and {@code Cache-Control: no-store}.
 *
 * <p>Plain content is streamed as an attachment with {@code nosniff} and a sandboxing CSP, as
 * WebDAV's GET does. Vault content is served as ciphertext (the manifest and the {@code .c9r}
 * files it lists); the page's script decrypts it with the key in the fragment, which never reaches
 * the server.
 */
@Controller
class SharePages {

	static final String GRANT_COOKIE = "kluis_share";

	/** The texts the recipient page's script shows, rendered into the page in the visitor's language. */
	static final List<String> SCRIPT_TEXTS = List.of("download", "downloaded", "decrypting", "failed", "noKey",
			"badKey", "folder", "files", "empty");

	private final ShareLinkAccess access;

	private final Downloads downloads;

	SharePages(ShareLinkAccess access, Downloads downloads) {
		this.downloads = downloads;
		this.access = access;
	}

	@GetMapping("/s/{token}")
	ModelAndView page(@PathVariable String token, @RequestParam(required = false) @Nullable UUID folder,
			@CookieValue(name = GRANT_COOKIE, required = false) @Nullable String grant, HttpServletRequest request,
			HttpServletResponse response) {
		noStore(response);
		Optional<Opened> opened = access.open(token);
		if (opened.isEmpty()) {
			return gone(response);
		}
		Opened share = opened.get();
		if (!access.admitted(share, grant)) {
			return passwordPage(token, null, response, 200);
		}
		var page = new ModelAndView("storage/share");
		page.addObject("token", token);
		page.addObject("encrypted", share.link().encrypted());
		page.addObject("folder", share.link().folder());
		page.addObject("expiresAt", share.link().expiresAt());
		if (share.link().encrypted()) {
			page.addObject("scriptTexts", SCRIPT_TEXTS);
		}
		else if (share.link().folder()) {
			Optional<List<Node>> members = access.listing(share, folder);
			if (members.isEmpty()) {
				return gone(response);
			}
			page.addObject("name", share.node().name());
			page.addObject("members", members.get());
			page.addObject("inSubfolder", folder != null && !folder.equals(share.node().id()));
		}
		else {
			page.addObject("name", share.node().name());
			page.addObject("file", share.node());
		}
		if (folder == null) {
			access.recordAccess(share, request.getRemoteAddr());
		}
		return page;
	}

	@PostMapping("/s/{token}")
	@Nullable ModelAndView password(@PathVariable String token, @RequestParam(required = false) @Nullable String password,
			HttpServletRequest request, HttpServletResponse response) {
		noStore(response);
		Optional<Opened> opened = access.open(token);
		if (opened.isEmpty()) {
			return gone(response);
		}
		var outcome = access.checkPassword(opened.get(), password, request.getRemoteAddr());
		if (outcome instanceof Granted granted) {
			var cookie = ResponseCookie.from(GRANT_COOKIE, granted.grant())
				.path("/s/" + token)
				.httpOnly(true)
				.secure(request.isSecure())
				.sameSite("Strict")
				.maxAge(ShareLinkAccess.GRANT_VALIDITY)
				.build();
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
			response.setStatus(303);
			response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + "/s/" + token);
			return null;
		}
		boolean blocked = outcome instanceof Refused refused && refused.blocked();
		return passwordPage(token, blocked ? "blocked" : "wrong", response, blocked ? 429 : 200);
	}

	@GetMapping("/s/{token}/files/{id}")
	@Nullable ModelAndView plainFile(@PathVariable String token, @PathVariable UUID id,
			@CookieValue(name = GRANT_COOKIE, required = false) @Nullable String grant, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		noStore(response);
		Optional<Opened> opened = access.open(token).filter(o -> access.admitted(o, grant));
		Optional<Node> file = opened.flatMap(o -> access.plainFile(o, id));
		if (file.isEmpty() || !access.download(opened.get(), request.getRemoteAddr())) {
			return gone(response);
		}
		Node node = file.get();
		send(response, node, node.contentType() == null ? "application/octet-stream" : node.contentType());
		return null;
	}

	@GetMapping("/s/{token}/manifest")
	@Nullable ModelAndView manifest(@PathVariable String token,
			@CookieValue(name = GRANT_COOKIE, required = false) @Nullable String grant, HttpServletResponse response)
			throws IOException {
		noStore(response);
		Optional<byte[]> manifest = access.open(token).filter(o -> access.admitted(o, grant)).flatMap(access::manifest);
		if (manifest.isEmpty()) {
			return gone(response);
		}
		contentHeaders(response, "application/octet-stream", "manifest");
		response.setContentLength(manifest.get().length);
		response.getOutputStream().write(manifest.get());
		return null;
	}

	@GetMapping("/s/{token}/blobs/{ordinal}")
	@Nullable ModelAndView vaultFile(@PathVariable String token, @PathVariable int ordinal,
			@CookieValue(name = GRANT_COOKIE, required = false) @Nullable String grant, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		noStore(response);
		Optional<Opened> opened = access.open(token).filter(o -> access.admitted(o, grant));
		Optional<Node> file = opened.flatMap(o -> access.vaultFile(o, ordinal));
		if (file.isEmpty() || !access.download(opened.get(), request.getRemoteAddr())) {
			return gone(response);
		}
		send(response, file.get(), "application/octet-stream");
		return null;
	}

	private void send(HttpServletResponse response, Node node, String type) throws IOException {
		contentHeaders(response, type, node.name());
		response.setContentLengthLong(node.size());
		downloads.send(response, access.content(node), node.size());
	}

	/** As WebDAV's GET: an attachment the browser will not sniff or render, in a sandbox if it tried. */
	static void contentHeaders(HttpServletResponse response, String type, String name) {
		response.setStatus(200);
		UserContentHeaders.headers(response, name, type);
	}

	private static ModelAndView passwordPage(String token, @Nullable String error, HttpServletResponse response,
			int status) {
		response.setStatus(status);
		var page = new ModelAndView("storage/share-password");
		page.addObject("token", token);
		page.addObject("error", error);
		return page;
	}

	/** The one answer for every link that does not work, whatever the reason. */
	private static ModelAndView gone(HttpServletResponse response) {
		var page = new ModelAndView("storage/share-gone");
		page.setStatus(org.springframework.http.HttpStatus.NOT_FOUND);
		return page;
	}

	private static void noStore(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Robots-Tag", "noindex");
	}
}
