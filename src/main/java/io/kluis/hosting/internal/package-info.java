/** Interim adapters of hosting's ports, until the sites code replaces them. */
@NullMarked
package io.kluis.hosting.internal;

import org.jspecify.annotations.NullMarked;
