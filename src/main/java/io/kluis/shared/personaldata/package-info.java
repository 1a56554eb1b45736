/**
 * The personal-data SPI: what every module that stores personal data implements
 * ({@link io.kluis.shared.personaldata.PersonalDataHolder} and the values it exchanges), so the
 * privacy engine can export, erase, restrict and expire a data subject's data without knowing the
 * module, and so every module can implement it beside its own tables, including the modules below
 * privacy (audit, notifications). Plain types, no beans; the engine that drives it is in
 * {@code privacy} (ARCHITECTURE "privacy").
 */
@NullMarked
package io.kluis.shared.personaldata;

import org.jspecify.annotations.NullMarked;
