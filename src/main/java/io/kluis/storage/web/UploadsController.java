package io.kluis.storage.web;

import io.kluis.identity.CurrentAccount;
import io.kluis.shared.web.InvalidInputException;
import io.kluis.shared.web.NotFoundException;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.InvalidNameException;
import io.kluis.storage.files.Space;
import io.kluis.storage.files.Spaces;
import io.kluis.storage.files.Uploads;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads, for API clients ({@code /api/v1/uploads}, app password) and the browser
 * ({@code /panel/uploads}, session and CSRF token). A small protocol in the spirit of tus:
 * <ol>
 * <li>{@code POST} with {@code {"space", "path", "length"}} → 201, {@code Location} and the id;</li>
 * <li>{@code PATCH <location>} with header {@code Upload-Offset} (where the upload stands) and the
 * next bytes → 204 with the new {@code Upload-Offset}; a piece that does not start there → 409
 * with the right {@code Upload-Offset};</li>
 * <li>{@code HEAD <location>} → {@code Upload-Offset} and {@code Upload-Length}, to resume after a
 * dropped connection;</li>
 * <li>{@code POST <location>/complete} (optionally {@code If-Match}/{@code If-None-Match}) → 201
 * (new file) or 204 (replaced) with the {@code ETag};</li>
 * <li>{@code DELETE <location>} gives up.</li>
 * </ol>
 */
@RestController
@RequestMapping({ "/api/v1/uploads", "/panel/uploads" })
class UploadsController {

	record NewUpload(@Nullable String space, @Nullable String path, @Nullable Long length,
			@Nullable String contentType) {

		@Override
		public String toString() {
			return "NewUpload[" + length + " bytes]";
		}
	}

	record Started(UUID id, long offset, long length) {
	}

	private final Uploads uploads;

	private final Spaces spaces;

	UploadsController(Uploads uploads, Spaces spaces) {
		this.uploads = uploads;
		this.spaces = spaces;
	}

	@Operation(summary = "Start a resumable upload of a file to a space")
	@PostMapping
	ResponseEntity<Started> begin(@RequestBody(required = false) @Nullable NewUpload body,
			@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) {
		if (body == null || body.space() == null) {
			throw new InvalidInputException("space", "Name the space to upload to.");
		}
		if (body.path() == null || body.path().isBlank()) {
			throw new InvalidInputException("path", "Give the file's path in the space, e.g. folder/file.txt.");
		}
		if (body.length() == null || body.length() < 0) {
			throw new InvalidInputException("length", "Give the file's length in bytes.");
		}
		Space space = spaces.find(current.id(), body.space()).orElseThrow(() -> new NotFoundException("space"));
		FilePath path;
		try {
			path = FilePath.of(Arrays.stream(body.path().split("/")).filter(n -> !n.isEmpty()).toList());
		}
		catch (InvalidNameException e) {
			throw new InvalidInputException("path", e.getMessage());
		}
		var upload = uploads.begin(space, path, body.length(), body.contentType());
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create(request.getRequestURI().replaceAll("/$", "") + "/" + upload.id()))
			.header("Upload-Offset", "0")
			.body(new Started(upload.id(), 0, upload.length()));
	}

	@Operation(summary = "Append the next bytes; Upload-Offset must say where the upload stands")
	@PatchMapping("/{id}")
	ResponseEntity<Void> append(@PathVariable UUID id, @RequestHeader(name = "Upload-Offset", required = false) @Nullable Long offset,
			@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) throws IOException {
		if (offset == null) {
			throw new InvalidInputException("Upload-Offset", "Send the Upload-Offset header: where the upload stands.");
		}
		long received = uploads.append(current.id(), id, offset, request.getInputStream(), request.getContentLengthLong());
		return ResponseEntity.noContent().header("Upload-Offset", Long.toString(received)).build();
	}

	@Operation(summary = "Where the upload stands (to resume)")
	@RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
	ResponseEntity<Void> status(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		var upload = uploads.find(current.id(), id);
		return ResponseEntity.noContent()
			.header("Upload-Offset", Long.toString(upload.received()))
			.header("Upload-Length", Long.toString(upload.length()))
			.header("Cache-Control", "no-store")
			.build();
	}

	@Operation(summary = "Finish the upload: the file appears atomically")
	@PostMapping("/{id}/complete")
	ResponseEntity<Void> complete(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
		var written = uploads.complete(current.id(), id, FileTree.Precondition.fromHeaders(ifMatch, ifNoneMatch));
		return ResponseEntity.status(written.outcome() == FileTree.Outcome.CREATED ? 201 : 204)
			.header("ETag", "\"" + written.node().etag() + "\"")
			.build();
	}

	@Operation(summary = "Give up an upload; what arrived is deleted")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> abort(@PathVariable UUID id, @AuthenticationPrincipal CurrentAccount current) {
		uploads.abort(current.id(), id);
		return ResponseEntity.noContent().build();
	}
}
