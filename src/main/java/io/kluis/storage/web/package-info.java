/** Storage in the customer panel and the JSON API. */
@NullMarked
package io.kluis.storage.web;

import org.jspecify.annotations.NullMarked;
