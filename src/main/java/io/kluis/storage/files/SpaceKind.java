package io.kluis.storage.files;

/** What a space is for. */
public enum SpaceKind {

	/**
	 * End-to-end encrypted: holds a Cryptomator vault (format 8) that only the customer's browser or
	 * Cryptomator app can open. The server never sees a key, a passphrase or a file name (STO-1).
	 */
	VAULT,

	/** For WebDAV clients that bring their own encryption (rclone crypt) or none. */
	PLAIN,

	/** The public files of a hosted website. */
	SITE
}
