/**
 * What every module that holds personal data implements, so the privacy engine can export, erase,
 * restrict and expire a data subject's data without knowing the module (ARCHITECTURE "privacy").
 * The only package of {@code privacy} besides its root that other modules may use.
 */
@NullMarked
@NamedInterface("spi")
package io.kluis.privacy.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
