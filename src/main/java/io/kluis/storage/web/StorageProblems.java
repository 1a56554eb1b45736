package io.kluis.storage.web;

import io.kluis.storage.files.StorageErrors;
import io.kluis.storage.files.StorageException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Storage refusals in the JSON APIs (and the file manager's JSON calls) become the problem document
 * {@link StorageErrors} maps them to. Ordered before the shared catch-all so that it is this one
 * that answers them.
 */
@RestControllerAdvice(annotations = RestController.class, assignableTypes = FilesPanelController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageProblems {

	@ExceptionHandler(StorageException.class)
	ResponseEntity<ProblemDetail> refused(StorageException e) {
		var response = ResponseEntity.status(StorageErrors.of(e).status());
		if (e instanceof StorageException.OffsetMismatch mismatch) {
			// a piece that does not fit tells the client where to go on from
			response.header("Upload-Offset", Long.toString(mismatch.offset()));
		}
		return response.body(StorageErrors.problem(e));
	}
}
