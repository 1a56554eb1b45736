package io.kluis.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches a request no controller handles, outside the prefixes that stay behind the login
 * ({@code /panel/}, {@code /admin/}): such a request gets the 404 page whoever asks, instead of an
 * anonymous visitor being sent to log in for a page that does not exist. Under the protected
 * prefixes nothing changes: an anonymous visitor is sent to log in and a customer gets 403 under
 * {@code /admin/} whether or not the page exists, so those answers say nothing about which
 * authenticated routes exist. A path a controller maps for another method counts as mapped.
 */
final class UnmappedPages implements RequestMatcher {

	private static final List<String> PROTECTED = List.of("/panel", "/admin", "/actuator");

	private final ListableBeanFactory beans;

	private volatile List<RequestMappingInfoHandlerMapping> mappings;

	UnmappedPages(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String prefix : PROTECTED) {
			if (path.equals(prefix) || path.startsWith(prefix + "/")) {
				return false;
			}
		}
		return !mapped(request);
	}

	private boolean mapped(HttpServletRequest request) {
		Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		Set<String> before = new HashSet<>(Collections.list(request.getAttributeNames()));
		try {
			if (!(previousPath instanceof RequestPath)) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			for (HandlerMapping mapping : mappings()) {
				if (mapping.getHandler(request) != null) {
					return true;
				}
			}
			return false;
		}
		catch (Exception other) {
			// 405, 406, 415 and the like: the path exists.
			return true;
		}
		finally {
			for (String name : Collections.list(request.getAttributeNames())) {
				if (!before.contains(name)) {
					request.removeAttribute(name);
				}
			}
			if (previousPath != null) {
				request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
			}
		}
	}

	private List<RequestMappingInfoHandlerMapping> mappings() {
		var found = mappings;
		if (found == null) {
			found = List.copyOf(beans.getBeansOfType(RequestMappingInfoHandlerMapping.class).values());
			mappings = found;
		}
		return found;
	}
}
