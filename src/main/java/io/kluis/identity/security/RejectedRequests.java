package io.kluis.identity.security;

import io.kluis.shared.web.StrictHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request the firewall refuses (an encoded backslash or slash, {@code ..}, a method it
 * does not know): 400 with a problem document and the strict security headers. The firewall runs
 * before any filter chain, so without this the container's bare error page went out without them.
 * The log line names no path: paths may carry file names.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

	private final boolean production;

	RejectedRequests(Environment environment) {
		this.production = environment.acceptsProfiles(Profiles.of("prod"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
			throws IOException {
		String method = request.getMethod();
		log.info("event=web.request-rejected method={}", method != null && method.matches("[A-Z]{1,16}") ? method : "other");
		StrictHeaders.problem(request, response, production, 400, "Bad Request",
				"The request address or method is not allowed (for example an encoded slash or backslash, or '..').");
	}
}
