package io.kluis.identity.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as the servlet container sees it: the peer address, or behind a configured
 * TLS-terminating proxy the forwarded one (server.forward-headers-strategy). Never taken from a
 * header directly, so a client cannot choose its own throttling key.
 */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(HttpServletRequest request) {
		return request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr();
	}
}
