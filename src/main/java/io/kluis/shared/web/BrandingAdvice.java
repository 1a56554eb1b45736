package io.kluis.shared.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Makes the provider's branding available to every page ({@code ${branding}}) and serves the
 * colours as a stylesheet, so the strict CSP needs no inline styles.
 */
@ControllerAdvice
@Controller
class BrandingAdvice {

	private final BrandingProperties branding;

	BrandingAdvice(BrandingProperties branding) {
		this.branding = branding;
	}

	@ModelAttribute("branding")
	BrandingProperties branding() {
		return branding;
	}

	@GetMapping(path = "/branding.css", produces = "text/css")
	ResponseEntity<String> stylesheet() {
		String css = ":root{--brand:" + branding.primaryColor() + ";--accent:" + branding.accentColor() + ";}\n";
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("text/css"))
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)))
			.body(css);
	}
}
