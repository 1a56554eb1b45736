/**
 * The VAT number check (VIES) behind a port: {@link io.kluis.billing.invoices.vies.VatNumberValidator},
 * with a fake adapter (dev and tests: no network) and the EU's VIES REST API adapter, chosen by
 * {@code kluis.billing.vies.adapter} ({@code fake} or {@code rest}).
 */
@NullMarked
package io.kluis.billing.invoices.vies;

import org.jspecify.annotations.NullMarked;
