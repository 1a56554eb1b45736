/** WebDAV (RFC 4918, classes 1 and 2) on a customer's spaces at {@code /dav/<space>/}. */
@NullMarked
package io.kluis.storage.dav;

import org.jspecify.annotations.NullMarked;
