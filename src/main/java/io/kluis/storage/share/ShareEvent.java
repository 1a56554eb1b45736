package io.kluis.storage.share;

/** What the access log of a link records; stored by name, so the names never change. */
public enum ShareEvent {
	CREATED, ACCESSED, DOWNLOADED, PASSWORD_FAILED, REVOKED
}
