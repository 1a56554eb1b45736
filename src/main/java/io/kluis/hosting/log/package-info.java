/**
 * The page-view log (RET-4, HST-1, HST-2): one {@link io.kluis.hosting.log.PageView} per request to a
 * hosted site, appended through the buffered {@link io.kluis.hosting.log.PageViewLog}, stored in monthly
 * partitions on PostgreSQL (an ordinary table on H2), expired by the register's {@code page-views} rule
 * and imported from combined-format or JSON-lines files ({@code hosting import-log}).
 */
@NullMarked
package io.kluis.hosting.log;

import org.jspecify.annotations.NullMarked;
