/**
 * Billing: the catalogue (products, plans, prices), orders, subscriptions, invoices numbered
 * gap-free per calendar year (PDF and a UBL 2.1 / Peppol BIS Billing 3.0 e-invoice), payments through
 * provider ports (Mollie) and bank-statement import (CAMT.053), dunning and the hand-off to a
 * collection agency (recorded in privacy's disclosure ledger), and the fiscal record kept under the
 * register's legal hold (RET-3).
 *
 * <p>Depends on {@code shared}, {@code crypto}, {@code notifications}, {@code audit}, {@code privacy}
 * (its root API and {@code privacy.spi}) and {@code identity}. Billing knows no other feature module:
 * products are provisioned through billing's provisioning API, which the owning module (storage,
 * hosting, domains) implements, so the dependency points from them to billing.
 *
 * <p>Owns every table whose name starts with {@code billing_}.
 */
@NullMarked
package io.kluis.billing;

import org.jspecify.annotations.NullMarked;
