/**
 * The catalogue: products of a {@link io.kluis.billing.ProductKind} with plans and their prices (EUR,
 * without VAT, per month and/or per year), managed by staff with the BILLING or ADMIN role at
 * {@code /admin/billing/catalogue}. Plans are never deleted (orders refer to them); they are retired.
 */
@NullMarked
package io.kluis.billing.catalogue;

import org.jspecify.annotations.NullMarked;
