/**
 * The published policy: versions of the processing register (POL-1), the announcement of
 * significant changes and their acknowledgement (POL-2), and the Art. 30 record rendered from the
 * register.
 */
@NullMarked
package io.kluis.privacy.policy;

import org.jspecify.annotations.NullMarked;
