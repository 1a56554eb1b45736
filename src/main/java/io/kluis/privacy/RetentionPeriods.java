package io.kluis.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long the processing register keeps a category (RET-1, RET-2), for modules whose own
 * behaviour must match it: a verification link should work exactly as long as the unverified
 * registration it confirms is kept, not by a second setting that has to be kept equal by hand.
 *
 * <p>Asked by category rather than by retention rule: category ids are fixed by the modules that
 * hold them (Kluis refuses to start when the register lacks one), whereas a provider may name the
 * rules in their copy of the register as they like. Every category has at least one rule.
 */
public interface RetentionPeriods {

	/**
	 * The period of the category's retention rule (the shortest, if it has several) as a duration
	 * from now: calendar periods are counted in the retention zone, as the retention run counts
	 * them, so {@code P1M} from 31 January is 28 or 29 days.
	 *
	 * @throws IllegalArgumentException when the register does not declare the category
	 */
	Duration of(String category);

	/**
	 * When the retention run may start removing an item of the category whose period, by the rule
	 * with this trigger, started at {@code from}: {@code from} plus the rule's period, counted as the
	 * run counts it (the shortest, if several rules share the trigger). For telling a customer
	 * beforehand, such as the date an ended plan's files are erased.
	 *
	 * @param trigger the trigger as the register spells it, lower case ({@code service_ended})
	 * @return empty when the register has no such rule for the category (nothing is removed then)
	 */
	Optional<Instant> removableFrom(String category, String trigger, Instant from);
}
