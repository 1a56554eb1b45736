/**
 * Invoices and credit notes: issuing (VAT per EU rules, EN 16931 rounding, a structured payment
 * reference), gap-free numbering per calendar year across nodes, the immutable fiscal record and its
 * {@link io.kluis.billing.document.InvoiceDocument}, the fiscal record's personal data under the
 * register (RET-3), and the staff and customer views. The rest of billing calls {@link
 * io.kluis.billing.invoices.Invoicing}.
 *
 * <p>See {@link io.kluis.billing.invoices.Invoicing} for the rules and {@code vies} for the VAT number
 * check.
 */
@NamedInterface("invoices")
@NullMarked
package io.kluis.billing.invoices;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
