/** The staff page for reading and verifying the audit trail, for administrators and the privacy officer. */
@NullMarked
package io.kluis.audit.web;

import org.jspecify.annotations.NullMarked;
