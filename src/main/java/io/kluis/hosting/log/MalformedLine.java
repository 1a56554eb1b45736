package io.kluis.hosting.log;

/**
 * A log line that cannot be a page view, with what is wrong with it. The reason never quotes the
 * line: it may hold a visitor's address or a path naming someone.
 */
class MalformedLine extends Exception {

	MalformedLine(String reason) {
		super(reason, null, false, false);
	}
}
