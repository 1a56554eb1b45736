/**
 * The web vocabulary shared by all modules: HTTP errors as RFC 9457 problem documents (400/404/409),
 * the strict security headers, locale handling, and the contribution API through which each module
 * declares its own web security and message bundles.
 *
 * <h2>Contributing web security</h2>
 * A module publishes a {@link io.kluis.shared.web.WebSecurityContribution} bean from a small
 * configuration class in its own package; identity's security configuration collects them all and
 * knows no module's paths. A contribution may declare public pages ({@code permitAll}, session and
 * CSRF as usual), public stateless endpoints (no login, no session, no CSRF: webhooks), CSRF
 * exemptions on the browser chain (each with its reason, logged at start-up as
 * {@code event=csrf.exemption}), extra HTTP methods for the firewall, and app-password areas. A
 * module that needs a chain of its own (storage's share links) declares a {@code SecurityFilterChain}
 * at {@link io.kluis.shared.web.BrowserSecurity#MODULE_CHAIN_ORDER} and builds it with
 * {@link io.kluis.shared.web.BrowserSecurity#strictHeaders} so its answers carry the same headers
 * (and, under {@code prod}, HSTS and the HTTPS redirect). Its messages come from a
 * {@link io.kluis.shared.web.MessageBundles} bean; the message source is assembled from all of them.
 *
 * <p>A payment provider's webhook in a future billing module:
 * <pre>{@code
 * @Configuration(proxyBeanMethods = false)
 * class BillingWeb {
 *
 *     @Bean
 *     WebSecurityContribution billingWebSecurity() {
 *         return WebSecurityContribution.builder("billing")
 *             // Mollie calls without login or cookie; the controller fetches the payment by id
 *             // from Mollie itself, so a forged call changes nothing
 *             .publicEndpoint(HttpMethod.POST, "/billing/webhooks/mollie")
 *             .publicPages("/pricing")
 *             .build();
 *     }
 *
 *     @Bean
 *     MessageBundles billingMessages() {
 *         return MessageBundles.of("billing", "i18n/billing");
 *     }
 * }
 * }</pre>
 * What nobody declares stays behind the login, with CSRF; a method nobody declares is refused by
 * the firewall.
 */
@NullMarked
package io.kluis.shared.web;

import org.jspecify.annotations.NullMarked;
