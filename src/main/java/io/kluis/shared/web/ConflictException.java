package io.kluis.shared.web;

/** The request is well-formed but conflicts with the current state (409). */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
