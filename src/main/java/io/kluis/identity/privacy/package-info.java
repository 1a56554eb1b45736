/**
 * Identity's side of the privacy engine: export, erasure and retention of every register category
 * identity stores (accounts, credentials, sessions, login protection), behind the personal-data SPI
 * ({@code shared.personaldata}).
 */
@NullMarked
package io.kluis.identity.privacy;

import org.jspecify.annotations.NullMarked;
