/**
 * The privacy engine: the processing register (purposes, legal bases, categories, recipients,
 * retention, cookies) from which the published policy, the retention matrix and the data-subject
 * request and retention engines are driven, so the text and the behaviour cannot drift apart;
 * the consent ledger, data-subject rights and requests, the disclosure ledger and retention.
 *
 * <p>Depends on {@code shared}, {@code crypto}, {@code audit} and {@code notifications}, never on
 * {@code identity} (which implements {@link io.kluis.privacy.spi.AccountDirectory} for it) or on the
 * modules above. Its API: the root package ({@link io.kluis.privacy.ConsentProofs},
 * {@link io.kluis.privacy.SubjectRestrictions}, {@link io.kluis.privacy.Disclosures}, ...) and the named
 * interface {@code spi}. The engine drives every module's
 * {@link io.kluis.shared.personaldata.PersonalDataHolder}.
 */
@NullMarked
package io.kluis.privacy;

import org.jspecify.annotations.NullMarked;
