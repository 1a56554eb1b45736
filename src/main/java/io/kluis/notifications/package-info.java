/**
 * Transactional email through a persistent outbox, with templates in Dutch and English, and a local
 * mail viewer on the embedded default.
 *
 * <h2>Sending</h2>
 * Other modules use only {@link io.kluis.notifications.Notifications}, {@link io.kluis.notifications.Mail},
 * {@link io.kluis.notifications.MailCategory} and {@link io.kluis.notifications.MailId}:
 * <pre>{@code
 * notifications.send(Mail.to(account.email()).locale(account.language())
 *     .template("identity/verify-email").subject(account.id())
 *     .with("name", account.displayName())
 *     .with("verifyLink", notifications.link("/verify?token=" + token))
 *     .build());
 * }</pre>
 * {@code send} joins the caller's transaction: a rollback sends nothing, a commit sends at least once.
 * The mail is rendered at that moment and stored sealed under the subject's data key, so erasing
 * the subject ({@code eraseFor}, and crypto-shredding) also takes its queued and sent mails. A mail
 * with no subject (a contact-form reply, a mail after erasure) gets a random key of its own, which
 * is destroyed when the register's {@code sent-mail} retention period ends.
 *
 * <h2>Template conventions</h2>
 * A template name is {@code <module>/<name>}, lower case with dashes, e.g. {@code identity/verify-email}.
 * <ul>
 * <li>{@code templates/mail/<module>/<name>.html}: the HTML body, Thymeleaf HTML mode. Start with
 * {@code <html th:replace="~{frame :: mail(~{::main})}">} and put the content in a {@code <main>};
 * the frame adds the brand, the title and the footer. Mail clients ignore stylesheets: use inline
 * {@code style} attributes, and keep the content short.</li>
 * <li>{@code templates/mail/<module>/<name>.txt}: the plain-text alternative, Thymeleaf TEXT mode
 * ({@code [(${name})]} for a value, {@code [(#{key})]} for a message). Both files are required.</li>
 * <li>The subject line: message key {@code mail.<module>.<name>.subject} (slashes become dots),
 * e.g. {@code mail.identity.verify-email.subject}, in {@code i18n/<module>.properties} (English)
 * and {@code i18n/<module>_nl.properties} (Dutch). {@code {brand}} and {@code {modelKey}} are
 * replaced by the brand name and model values; no MessageFormat quoting is needed there.</li>
 * <li>Texts in the bodies come from messages too ({@code #{mail.identity.verify-email.intro}}),
 * in the module's own bundle, so one template serves both languages.</li>
 * <li>Every template can use {@code ${brand}}, {@code ${brandColor}}, {@code ${baseUrl}} and
 * {@code ${mailSubject}}; a model may not use these names. Links: {@code @{/path(param=${value})}}
 * becomes absolute under {@code kluis.base-url}; a link built with
 * {@link io.kluis.notifications.Notifications#link(String)} is used as {@code th:href="${verifyLink}"}
 * or, in text, {@code [(${verifyLink})]}.</li>
 * <li>Model values are simple values (text, numbers, booleans, {@code java.time} values, enums);
 * format them in the template with {@code #temporals} and {@code #numbers}, which use the mail's
 * locale.</li>
 * </ul>
 * {@code notifications/test} is the reference template (the self-test mail).
 *
 * <h2>Attachments</h2>
 * A mail carries files by reference: {@code Mail.to(…)….attach("billing-invoice", invoiceId)}. The
 * outbox stores only the reference, sealed with the rest of the mail; at send time the dispatcher asks
 * the {@link io.kluis.notifications.MailAttachmentSource} bean with that id for the
 * {@link io.kluis.notifications.MailAttachment files} and SMTP sends {@code multipart/mixed}. So no file
 * contents sit in the outbox, a module above notifications attaches what it owns without notifications
 * knowing it, and a source that is missing or fails makes the attempt fail and be retried. The local
 * mail viewer shows the bodies only.
 *
 * <h2>Delivery</h2>
 * With {@code spring.mail.host} set, mail goes out over SMTP from {@code kluis.notifications.from}.
 * Without it, mail stays in the local mail viewer at {@code /admin/mail} (administrators only); the
 * {@code prod} profile refuses to start that way. Failed attempts are retried with backoff
 * ({@code kluis.notifications.backoff}), and marked FAILED after {@code max-attempts}. Logs carry
 * mail ids, template names and error codes, never addresses or contents.
 *
 * <h2>Dependencies and tables</h2>
 * Depends only on {@code shared} and {@code crypto}. Owns the tables {@code notifications_*}; its
 * personal data (the register's {@code sent-mail}) is exported, erased and expired by its own
 * {@link io.kluis.shared.personaldata.PersonalDataHolder} (holder id {@code notifications}) in
 * {@code notifications.internal}.
 */
@NullMarked
package io.kluis.notifications;

import org.jspecify.annotations.NullMarked;
