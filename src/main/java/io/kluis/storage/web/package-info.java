/**
 * Storage in the customer panel and the JSON API; {@code StorageWeb} declares storage's web security
 * (WebDAV methods and the {@code /dav} app-password area, the share-link chain) and its messages.
 */
@NullMarked
package io.kluis.storage.web;

import org.jspecify.annotations.NullMarked;
