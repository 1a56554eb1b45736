/**
 * The public policy pages and the policy-change banner (server-rendered, Dutch and English);
 * {@code PrivacyWeb} declares privacy's public pages and message bundles.
 */
@NullMarked
package io.kluis.privacy.web;

import org.jspecify.annotations.NullMarked;
