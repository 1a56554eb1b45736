package io.kluis.shared.web;

import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of a JSON API call into an RFC 9457 problem document. Framework errors
 * (malformed JSON, wrong types, unknown paths, wrong methods) keep their 4xx status; validation
 * errors list the offending fields (names and rules, never values); anything unexpected becomes a
 * bare 500 with no internals, logged with an error id the caller can quote.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
// just after the modules' own handlers for their exceptions (ordered HIGHEST_PRECEDENCE): the first
// advice with any matching handler answers, and the catch-all below matches everything
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
public class ProblemDetails extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException e) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
		problem.setTitle("Invalid input");
		problem.setProperty("errors", Map.of(e.field(), e.getMessage()));
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
	}

	@ExceptionHandler(BusyException.class)
	org.springframework.http.ResponseEntity<ProblemDetail> busy(BusyException e) {
		return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail constraintViolation(ConstraintViolationException e) {
		var errors = new LinkedHashMap<String, String>();
		e.getConstraintViolations().forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid.");
		problem.setProperty("errors", errors);
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = new LinkedHashMap<String, String>();
		e.getBindingResult().getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
		e.getBindingResult().getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are invalid.");
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** A multipart body without a boundary or with broken parts is the client's mistake (400), never a 500. */
	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ProblemDetail unreadableMultipart() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The multipart body cannot be read: it needs a boundary in its Content-Type and well-formed parts.");
	}

	/** Method security refusals keep their meaning (403), never a 500. */
	@ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
	ProblemDetail forbidden() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your account may not use this resource.");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) {
		if (e instanceof ProblemStatus status) {
			return ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status.httpStatus()), e.getMessage());
		}
		String errorId = java.util.UUID.randomUUID().toString();
		// The exception class and id only: messages of unexpected exceptions may carry input values.
		log.error("event=api.unexpected-error errorId={} type={}", errorId, e.getClass().getName(), e);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Quote error id " + errorId + " to support.");
		problem.setProperty("errorId", errorId);
		return problem;
	}
}
