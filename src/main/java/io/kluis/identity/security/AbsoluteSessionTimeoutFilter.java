package io.kluis.identity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session a fixed time after it started, however active it is (ASVS 7.3.2): an idle timeout
 * alone lets a stolen, busy session live for ever.
 */
class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

	private final Duration absoluteTimeout;

	private final Clock clock;

	AbsoluteSessionTimeoutFilter(Duration absoluteTimeout, Clock clock) {
		this.absoluteTimeout = absoluteTimeout;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var session = request.getSession(false);
		if (session != null) {
			Object loginAt = session.getAttribute(SessionDetails.LOGIN_AT);
			long started = loginAt instanceof Long at ? at : session.getCreationTime();
			if (clock.millis() - started > absoluteTimeout.toMillis()) {
				session.invalidate();
				SecurityContextHolder.clearContext();
				if ("GET".equals(request.getMethod()) && !request.getRequestURI().startsWith("/api/")) {
					response.sendRedirect(request.getContextPath() + "/login?expired");
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}
}
