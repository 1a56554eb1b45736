/** The public request form and status page, and the privacy officer's queue. */
@NullMarked
package io.kluis.privacy.requests.web;

import org.jspecify.annotations.NullMarked;
