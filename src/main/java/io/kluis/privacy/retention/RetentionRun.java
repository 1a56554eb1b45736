package io.kluis.privacy.retention;

import io.kluis.privacy.register.RetentionTrigger;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one retention run: per register rule, the cutoff it used and how many items it
 * removed (or, in a dry run, would remove). Counts only, never data.
 */
public record RetentionRun(Instant asOf, boolean dryRun, List<RuleResult> rules) {

	public RetentionRun {
		rules = List.copyOf(rules);
	}

	/**
	 * @param error why the rule failed (its transaction was rolled back and nothing of it removed),
	 *        or null
	 */
	public record RuleResult(String rule, String category, String module, RetentionTrigger trigger, Period period,
			Instant cutoff, int count, @Nullable String error) {

		public boolean failed() {
			return error != null;
		}
	}

	public boolean failed() {
		return rules.stream().anyMatch(RuleResult::failed);
	}

	public int total() {
		return rules.stream().mapToInt(RuleResult::count).sum();
	}
}
