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
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path nothing handles: a problem document under {@code /api/}, the error page elsewhere. (No
 * controller is involved, so the controller-scoped advices do not see these.)
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnknownPaths {

	private final BrandingProperties branding;

	UnknownPaths(BrandingProperties branding) {
		this.branding = branding;
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	Object notFound(HttpServletRequest request) {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource."));
		}
		return PageErrors.page(HttpStatus.NOT_FOUND, branding);
	}
}
