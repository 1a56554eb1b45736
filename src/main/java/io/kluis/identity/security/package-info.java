/**
 * Authentication and session security: login with throttling, MFA step, app passwords, and the
 * filter chains, assembled from every module's {@link io.kluis.shared.web.WebSecurityContribution}
 * (identity's own pages and endpoints are declared in {@code IdentityWeb}, like any module's).
 */
@NullMarked
package io.kluis.identity.security;

import org.jspecify.annotations.NullMarked;
