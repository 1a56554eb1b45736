/** Spaces, the file tree, quota and trash: the operations WebDAV and the web client share. */
@NullMarked
package io.kluis.storage.files;

import org.jspecify.annotations.NullMarked;
