package io.kluis.shared.web;

/** What was asked for does not exist, or is not the caller's (404 either way, so nothing is revealed). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}
}
