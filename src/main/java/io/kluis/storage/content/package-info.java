/**
 * How user content leaves the server for a browser: as an attachment, with {@code nosniff} and a
 * sandboxing Content-Security-Policy, so an uploaded page cannot run script in the panel's origin
 * (STO-3, and the panel's own safety).
 */
@NullMarked
package io.kluis.storage.content;

import org.jspecify.annotations.NullMarked;
