package io.kluis.storage.files;

/** A file or folder name that may not be used (400); the message names the rule, never the name. */
public class InvalidNameException extends StorageException {

	public InvalidNameException(String rule) {
		super(rule);
	}
}
