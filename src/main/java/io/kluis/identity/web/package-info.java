/** Server-rendered pages of the identity module (Dutch and English). */
@NullMarked
package io.kluis.identity.web;

import org.jspecify.annotations.NullMarked;
