/**
 * The retention engine (RET-2, RET-3, RET-6): applies every retention rule of the processing
 * register through the owning module's SPI, daily and on demand (dry run on a date), and leaves an
 * evidence record of every real run.
 */
@NullMarked
package io.kluis.privacy.retention;

import org.jspecify.annotations.NullMarked;
