/** Billing's personal data for the register: export, erasure and retention of profiles, orders and subscriptions. */
@NullMarked
package io.kluis.billing.privacy;

import org.jspecify.annotations.NullMarked;
