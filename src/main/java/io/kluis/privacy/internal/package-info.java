/** Loading, checking and versioning the processing register. */
@NullMarked
package io.kluis.privacy.internal;

import org.jspecify.annotations.NullMarked;
