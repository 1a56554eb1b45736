/**
 * What every module needs to name a person or an event: typed ids, value types, the
 * {@link io.kluis.shared.Auditable} marker and the application clock. Tiny on purpose; no entities.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.kluis.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
