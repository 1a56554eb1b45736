/** The processing register: its model, loading from YAML, validation and versions. */
@NullMarked
package io.kluis.privacy.register;

import org.jspecify.annotations.NullMarked;
