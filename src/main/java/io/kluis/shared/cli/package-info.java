/** One-shot administrative commands on the same configuration as the server. */
@NullMarked
package io.kluis.shared.cli;

import org.jspecify.annotations.NullMarked;
