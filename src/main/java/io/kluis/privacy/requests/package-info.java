/**
 * Data-subject requests without login (RIG-7, RIG-8): the public form, the email check, the deadline
 * clock with reminders and extensions, the ID copy as a last resort, and the privacy officer's queue.
 */
@NullMarked
package io.kluis.privacy.requests;

import org.jspecify.annotations.NullMarked;
