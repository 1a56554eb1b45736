/**
 * How Kluis starts and refuses to start: the data directory resolved once, and start-up failures the
 * operator can fix (a {@link io.kluis.shared.StartupRefusal}, an unreachable database) reported as one
 * line saying what to change instead of pages of stack frames.
 */
@NullMarked
package io.kluis.shared.startup;

import org.jspecify.annotations.NullMarked;
