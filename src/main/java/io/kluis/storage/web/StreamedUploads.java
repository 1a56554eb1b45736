package io.kluis.storage.web;

import io.kluis.shared.web.StreamingRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The storage requests whose bodies are file contents streamed to the blob store (memory stays flat
 * whatever their size), so the in-memory body limits do not apply: a WebDAV {@code PUT} and a piece
 * of a resumable upload ({@code PATCH}). Their sizes are bounded by the quota instead.
 */
@Component
class StreamedUploads implements StreamingRequests {

	@Override
	public boolean streams(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return switch (request.getMethod()) {
			case "PUT" -> path.startsWith("/dav/") || path.startsWith("/panel/dav/");
			case "PATCH" -> path.startsWith("/api/v1/uploads/") || path.startsWith("/panel/uploads/");
			default -> false;
		};
	}
}
