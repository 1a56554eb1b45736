/** The administrators' local mail viewer at {@code /admin/mail}. */
@NullMarked
package io.kluis.notifications.web;

import org.jspecify.annotations.NullMarked;
