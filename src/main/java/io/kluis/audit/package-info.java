/**
 * The append-only, hash-chained audit trail of security and personal-data events. Listens to every
 * {@link io.kluis.shared.Auditable} event; holds ids and event codes, never personal data.
 *
 * <p>The API a module uses: {@link io.kluis.audit.AuditTrail} (synchronous recording, search,
 * verification, retention) with its value types {@link io.kluis.audit.AuditEntry},
 * {@link io.kluis.audit.AuditQuery} and {@link io.kluis.audit.ChainVerification}. Most modules need
 * none of it: publishing an {@code Auditable} event is enough.
 *
 * <p>Depends only on {@code shared}. Owns the tables {@code audit_*}; its personal data (the
 * register's {@code security-log}) is exported, kept on erasure and expired by its own
 * {@link io.kluis.shared.personaldata.PersonalDataHolder} (holder id {@code audit}) in {@code audit.internal}.
 */
@NullMarked
package io.kluis.audit;

import org.jspecify.annotations.NullMarked;
