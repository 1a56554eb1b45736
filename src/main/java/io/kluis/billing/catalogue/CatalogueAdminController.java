package io.kluis.billing.catalogue;

import io.kluis.billing.ProductKind;
import io.kluis.shared.web.InvalidInputException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Staff with the BILLING or ADMIN role manage the catalogue. A wrong field re-renders the page with a
 * 400 and the field's rule; unknown ids are 404.
 */
@Controller
@PreAuthorize("hasAnyRole('BILLING','ADMIN')")
class CatalogueAdminController {

	static final String PATH = "/admin/billing/catalogue";

	private final Catalogue catalogue;

	CatalogueAdminController(Catalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping(PATH)
	String page(Model model) {
		model.addAttribute("products", catalogue.all());
		model.addAttribute("kinds", ProductKind.values());
		return "billing/admin-catalogue";
	}

	@PostMapping(PATH + "/products")
	ModelAndView addProduct(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String description) {
		try {
			catalogue.addProduct(kind(kind), name, description);
		}
		catch (InvalidInputException e) {
			return invalid(e);
		}
		return new ModelAndView("redirect:" + PATH + "?saved");
	}

	@PostMapping(PATH + "/products/{productId}/plans")
	ModelAndView addPlan(@PathVariable String productId, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable String priceMonth,
			@RequestParam(required = false) @Nullable String priceYear,
			@RequestParam(required = false) @Nullable String quotaGb) {
		UUID id = id(productId);
		var product = catalogue.all().stream().filter(p -> p.id().equals(id)).findFirst()
			.orElseThrow(() -> new io.kluis.shared.web.NotFoundException("product"));
		try {
			catalogue.addPlan(id, PlanDraft.parse(product.kind(), name, priceMonth, priceYear, quotaGb));
		}
		catch (InvalidInputException e) {
			return invalid(e);
		}
		return new ModelAndView("redirect:" + PATH + "?saved");
	}

	@PostMapping(PATH + "/plans/{planId}/retire")
	String retirePlan(@PathVariable String planId) {
		catalogue.retirePlan(id(planId));
		return "redirect:" + PATH + "?saved";
	}

	@PostMapping(PATH + "/products/{productId}/retire")
	String retireProduct(@PathVariable String productId) {
		catalogue.retireProduct(id(productId));
		return "redirect:" + PATH + "?saved";
	}

	private ModelAndView invalid(InvalidInputException e) {
		var page = new ModelAndView("billing/admin-catalogue", HttpStatus.BAD_REQUEST);
		page.addObject("products", catalogue.all());
		page.addObject("kinds", ProductKind.values());
		page.addObject("invalidField", e.field());
		page.addObject("invalidMessage", e.getMessage());
		return page;
	}

	private static ProductKind kind(String kind) {
		try {
			return ProductKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("kind", "kind must be storage, hosting, domain or certificate");
		}
	}

	/** A malformed id names nothing that exists: 404, like an unknown one. */
	static UUID id(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException e) {
			throw new io.kluis.shared.web.NotFoundException("not found");
		}
	}
}
