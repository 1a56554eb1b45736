/**
 * What an issued invoice or credit note says, as one value ({@link io.kluis.billing.document.InvoiceDocument}),
 * and its renderings: the PDF a customer reads and the UBL 2.1 e-invoice (EN 16931, Peppol BIS Billing 3.0,
 * NLCIUS) an accounting system reads. The renderers never compute: amounts, VAT and numbers are decided
 * when the invoice is issued and arrive here final.
 */
@NamedInterface("document")
@NullMarked
package io.kluis.billing.document;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
