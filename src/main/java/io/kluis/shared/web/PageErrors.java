package io.kluis.shared.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The same 404/409/400 mapping as {@link ProblemDetails}, for server-rendered pages (the error
 * template). Model attribute methods do not run for exception handlers, so the view gets the
 * branding the layout needs here.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	private final BrandingProperties branding;

	PageErrors(BrandingProperties branding) {
		this.branding = branding;
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound() {
		return page(HttpStatus.NOT_FOUND, branding);
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict() {
		return page(HttpStatus.CONFLICT, branding);
	}

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid() {
		return page(HttpStatus.BAD_REQUEST, branding);
	}

	static ModelAndView page(HttpStatus status, BrandingProperties branding) {
		var view = new ModelAndView("error");
		view.setStatus(status);
		view.addObject("status", status.value());
		view.addObject("branding", branding);
		return view;
	}
}
