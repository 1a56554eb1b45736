package io.kluis.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path nothing handles, or a method it does not support: a problem document under
 * {@code /api/}, the error page elsewhere. (No controller is involved, so the controller-scoped
 * advices do not see these.)
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
		if (isApi(request)) {
			return problem(HttpStatus.NOT_FOUND, "No such resource.", new HttpHeaders());
		}
		return PageErrors.page(HttpStatus.NOT_FOUND, branding);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
			HttpServletResponse response) {
		Set<HttpMethod> supported = e.getSupportedHttpMethods();
		var headers = new HttpHeaders();
		if (supported != null) {
			headers.setAllow(supported);
		}
		if (isApi(request)) {
			return problem(HttpStatus.METHOD_NOT_ALLOWED, "This resource does not support the method " + e.getMethod() + ".",
					headers);
		}
		headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
		return PageErrors.page(HttpStatus.METHOD_NOT_ALLOWED, branding);
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpHeaders headers) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(status, detail));
	}
}
