package io.kluis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body that cannot be read — no boundary, a broken part, or larger than
 * {@code spring.servlet.multipart.*} allows. Spring reads multipart bodies before it picks a
 * controller, so the controller-scoped advices never see these: 400 (or 413) as a problem document
 * under {@code /api/} and for JSON clients, the error page elsewhere — never a 500.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnreadableRequests {

	private final BrandingProperties branding;

	UnreadableRequests(BrandingProperties branding) {
		this.branding = branding;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request) {
		return answer(request, HttpStatus.CONTENT_TOO_LARGE, "The multipart body is larger than allowed.");
	}

	@ExceptionHandler(MultipartException.class)
	Object unreadable(HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST,
				"The multipart body cannot be read: it needs a boundary in its Content-Type and well-formed parts.");
	}

	private Object answer(HttpServletRequest request, HttpStatus status, String detail) {
		String accept = request.getHeader("Accept");
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| (accept != null && accept.contains("json"))) {
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemDetail.forStatusAndDetail(status, detail));
		}
		return PageErrors.page(status, branding);
	}
}
