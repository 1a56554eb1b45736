/**
 * The outbox behind {@link io.kluis.notifications.Notifications}: rendering, sealing, claiming,
 * delivery with retries, retention, and the two transports (SMTP and the local mail viewer).
 */
@NullMarked
package io.kluis.notifications.internal;

import org.jspecify.annotations.NullMarked;
