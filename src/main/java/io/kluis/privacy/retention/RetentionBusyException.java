package io.kluis.privacy.retention;

/** Another node (or command) is running retention right now; this run did nothing. */
public class RetentionBusyException extends RuntimeException {

	RetentionBusyException() {
		super("a retention run is already in progress on another node");
	}
}
