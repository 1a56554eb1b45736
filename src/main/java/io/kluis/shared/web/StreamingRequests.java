package io.kluis.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Implemented by a module whose requests stream their body to storage instead of parsing it (a
 * WebDAV {@code PUT}, a piece of a resumable upload): those are exempt from {@link RequestLimits},
 * whatever their content type says. Every other body is bounded before anything reads it.
 */
@FunctionalInterface
public interface StreamingRequests {

	boolean streams(HttpServletRequest request);
}
