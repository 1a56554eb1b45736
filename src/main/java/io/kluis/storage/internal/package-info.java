/** Configuration and infrastructure adapters of the storage module (blob stores, sweeps). */
@NullMarked
package io.kluis.storage.internal;

import org.jspecify.annotations.NullMarked;
