/**
 * The disclosure ledger (SHR-1, SHR-6): records of personal data handed to the register's recipients,
 * their export and erasure, and the privacy officer's page to view them and record a disclosure to an
 * authority.
 */
@NullMarked
package io.kluis.privacy.disclosures;

import org.jspecify.annotations.NullMarked;
