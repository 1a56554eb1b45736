/** The public policy pages and the policy-change banner (server-rendered, Dutch and English). */
@NullMarked
package io.kluis.privacy.web;

import org.jspecify.annotations.NullMarked;
