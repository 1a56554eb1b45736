/** HTTP error vocabulary shared by all modules: 400/404/409 as RFC 9457 problem documents. */
@NullMarked
package io.kluis.shared.web;

import org.jspecify.annotations.NullMarked;
