/**
 * The {@code Idempotency-Key} request header of the API's creating calls ({@code POST /api/v1/orders},
 * {@code POST /api/v1/invoices/{id}/payments}): a retried request (a lost answer, a double click, a
 * client's retry) answers with what the first one did instead of ordering or paying twice.
 */
@NullMarked
package io.kluis.billing.idempotency;

import org.jspecify.annotations.NullMarked;
