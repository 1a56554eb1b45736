/**
 * Bank transfers: reading ISO 20022 CAMT.053 bank-to-customer statements as Dutch banks export them
 * ({@link io.kluis.billing.bank.CamtStatementReader}) and applying their credits to open payables by
 * the structured payment reference ({@link io.kluis.billing.bank.StatementImport}, through the
 * {@link io.kluis.billing.bank.OpenPayables} port that invoicing implements), with a report of what
 * matched, what only partly paid, and what could not be matched, with its position in the file.
 *
 * <p>The payer's name and IBAN are read only to match and are never stored or logged.
 */
@NamedInterface("bank")
@NullMarked
package io.kluis.billing.bank;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
