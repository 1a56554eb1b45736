/**
 * Transactional email through a persistent outbox, with templates in Dutch and English, and a local
 * mail viewer on the embedded default.
 */
@NullMarked
package io.kluis.notifications;

import org.jspecify.annotations.NullMarked;
