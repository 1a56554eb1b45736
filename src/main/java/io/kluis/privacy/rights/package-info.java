/**
 * Data-subject rights in self-service and over the API: access and portability (an encrypted ZIP
 * built from every {@link io.kluis.shared.personaldata.PersonalDataHolder}), erasure by closing the account
 * (every holder's erase, then crypto-shredding, with an evidence record), restriction and objection.
 */
@NullMarked
package io.kluis.privacy.rights;

import org.jspecify.annotations.NullMarked;
