package io.kluis.shared.web;

/**
 * Implemented by a module's exceptions that stand for a client's mistake or a refused request, so
 * the API answers with their status and message (safe for the client: no personal data) instead of
 * a 500. Lets modules keep their own exception types without the shared handler knowing them.
 */
public interface ProblemStatus {

	/** The HTTP status, 4xx (or 507 for a full quota). */
	int httpStatus();
}
