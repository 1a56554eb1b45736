package io.kluis.privacy.retention;

import io.kluis.privacy.RetentionPeriods;
import io.kluis.privacy.register.ProcessingRegister;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@link RetentionPeriods} from the register this node runs with, counted like {@link RetentionEngine}
 * counts a rule's cutoff: calendar arithmetic in {@code kluis.privacy.retention.zone}. An item
 * created now with this validity therefore stops working when the retention run starts removing it.
 */
@Component
class RegisterRetentionPeriods implements RetentionPeriods {

	private final ProcessingRegister register;

	private final RetentionProperties properties;

	private final Clock clock;

	RegisterRetentionPeriods(ProcessingRegister register, RetentionProperties properties, Clock clock) {
		this.register = register;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Duration of(String category) {
		Instant now = clock.instant();
		return register.retentionFor(category)
			.stream()
			.map(rule -> Duration.between(now, now.atZone(properties.zone()).plus(rule.period()).toInstant()))
			.min(Comparator.naturalOrder())
			.orElseThrow(() -> new IllegalArgumentException(
					"the processing register has no retention rule for category '" + category + "'"));
	}

	@Override
	public Optional<Instant> removableFrom(String category, String trigger, Instant from) {
		return register.retentionFor(category)
			.stream()
			.filter(rule -> rule.trigger().name().equalsIgnoreCase(trigger))
			.map(rule -> from.atZone(properties.zone()).plus(rule.period()).toInstant())
			.min(Comparator.naturalOrder());
	}
}
