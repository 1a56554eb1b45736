/** Authentication and session security: login with throttling, MFA step, app passwords, headers. */
@NullMarked
package io.kluis.identity.security;

import org.jspecify.annotations.NullMarked;
