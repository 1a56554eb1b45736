/**
 * The append-only, hash-chained audit trail of security and personal-data events. Listens to every
 * {@link io.kluis.shared.Auditable} event; holds ids and event codes, never personal data.
 */
@NullMarked
package io.kluis.audit;

import org.jspecify.annotations.NullMarked;
