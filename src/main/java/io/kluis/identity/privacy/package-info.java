/**
 * Identity's side of the privacy engine: export, erasure and retention of every register category
 * identity stores (accounts, credentials, sessions, login protection), behind privacy's SPI.
 */
@NullMarked
package io.kluis.identity.privacy;

import org.jspecify.annotations.NullMarked;
