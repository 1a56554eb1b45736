/**
 * Kluis application root; every direct sub-package is an application module.
 */
@NullMarked
package io.kluis;

import org.jspecify.annotations.NullMarked;
