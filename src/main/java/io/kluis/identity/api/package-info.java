/** The identity part of the JSON API under {@code /api/v1}: registration, app passwords, the caller's own data. */
@NullMarked
package io.kluis.identity.api;

import org.jspecify.annotations.NullMarked;
