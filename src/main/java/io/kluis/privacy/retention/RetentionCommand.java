package io.kluis.privacy.retention;

import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code retention run [--as-of 2028-01-01] [--dry-run] [--rule ID]...}: applies the retention rules
 * as of the start of that day (in {@code kluis.privacy.retention.zone}; default now) and prints
 * rule → category → count. With {@code --dry-run} nothing is deleted. Exit 0 when every rule ran, 1
 * when one failed or another node is running, 2 on a usage error.
 */
@Component
class RetentionCommand implements KluisCommand {

	private final RetentionEngine engine;

	private final RetentionProperties properties;

	private final Clock clock;

	RetentionCommand(RetentionEngine engine, RetentionProperties properties, Clock clock) {
		this.engine = engine;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "retention run";
	}

	@Override
	public String synopsis() {
		return "apply the register's retention rules: [--as-of YYYY-MM-DD] [--dry-run] [--rule ID]";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		Instant asOf;
		try {
			asOf = asOf(KluisCommand.option(options, "as-of"));
		}
		catch (DateTimeParseException e) {
			out.println("--as-of must be a date such as 2028-01-01");
			return 2;
		}
		boolean dryRun = options.contains("--dry-run");
		var rules = new LinkedHashSet<String>();
		for (int i = 0; i < options.size() - 1; i++) {
			if ("--rule".equals(options.get(i))) {
				rules.add(options.get(i + 1));
			}
		}
		RetentionRun run;
		try {
			run = engine.run(asOf, dryRun, rules);
		}
		catch (IllegalArgumentException e) {
			out.println(e.getMessage());
			return 2;
		}
		catch (RetentionBusyException e) {
			out.println("Another retention run is in progress; nothing was done.");
			return 1;
		}
		print(run, out);
		return run.failed() ? 1 : 0;
	}

	private Instant asOf(@Nullable String date) {
		return date == null ? clock.instant() : LocalDate.parse(date).atStartOfDay(properties.zone()).toInstant();
	}

	static void print(RetentionRun run, PrintStream out) {
		out.println((run.dryRun() ? "Dry run (nothing deleted)" : "Retention run") + " as of " + run.asOf());
		String format = "%-28s %-26s %-14s %-8s %-22s %s%n";
		out.printf(format, "RULE", "CATEGORY", "MODULE", "PERIOD", "CUTOFF", run.dryRun() ? "WOULD REMOVE" : "REMOVED");
		for (var rule : run.rules()) {
			out.printf(format, rule.rule(), rule.category(), rule.module(), rule.period(), rule.cutoff(),
					rule.failed() ? "FAILED (" + rule.error() + ")" : Integer.toString(rule.count()));
		}
		out.printf("Total: %d%n", run.total());
	}
}
