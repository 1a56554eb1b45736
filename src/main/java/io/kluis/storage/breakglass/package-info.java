/**
 * Break-glass access (STO-3): staff have no access to customers' content, except through this
 * procedure for one plain space. An administrator files a request with a written reason and a
 * period of at most {@link io.kluis.storage.breakglass.BreakGlassRules#MAX_DURATION}; a second,
 * different staff member (administrator or privacy officer) approves or declines it; on approval the
 * customer is mailed in their language (reason, period, and that vault content stays unreadable),
 * and for that period the two of them may list and download the space's files read-only on
 * {@code /admin/break-glass/{id}/files}. Every step and every file or folder opened is in the audit
 * trail, by id (file names may be personal and are never logged). A vault is refused outright: its
 * content is ciphertext that only the customer's keys open (STO-1), so no procedure can make it
 * readable.
 */
@NullMarked
package io.kluis.storage.breakglass;

import org.jspecify.annotations.NullMarked;
