/** The account aggregate, its repository and the use cases that change it. */
@NullMarked
package io.kluis.identity.account;

import org.jspecify.annotations.NullMarked;
