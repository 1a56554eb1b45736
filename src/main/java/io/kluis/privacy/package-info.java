/**
 * The privacy engine: the processing register (purposes, legal bases, categories, recipients,
 * retention, cookies) from which the published policy, the retention matrix and the data-subject
 * request and retention engines are driven, so the text and the behaviour cannot drift apart.
 */
@NullMarked
package io.kluis.privacy;

import org.jspecify.annotations.NullMarked;
