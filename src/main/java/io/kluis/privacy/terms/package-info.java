/**
 * The terms of service: the provider's document ({@code kluis.privacy.terms-location}), its versions
 * and the public page {@code /terms} (ACC-1 records the version a customer accepted).
 */
@NullMarked
package io.kluis.privacy.terms;

import org.jspecify.annotations.NullMarked;
