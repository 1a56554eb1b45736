package io.kluis.identity.api;

import io.kluis.identity.account.RegistrationRefused;
import java.util.LinkedHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Rule violations become a 400 problem document naming each field and rule, never a value. */
@RestControllerAdvice(basePackageClasses = RegistrationRefusedHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistrationRefusedHandler {

	@ExceptionHandler(RegistrationRefused.class)
	ProblemDetail refused(RegistrationRefused e) {
		var errors = new LinkedHashMap<String, String>();
		e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.code()));
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields break a rule: " + errors);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors);
		return problem;
	}
}
