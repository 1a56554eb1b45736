/**
 * What the privacy engine needs from the module above it: {@link io.kluis.privacy.spi.AccountDirectory}
 * (contacts, lookup by email, re-authentication), implemented by identity, which privacy cannot import.
 * The personal-data SPI every module implements is in {@code io.kluis.shared.personaldata}. The
 * only package of {@code privacy} besides its root that other modules may use.
 */
@NullMarked
@NamedInterface("spi")
package io.kluis.privacy.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
