package io.kluis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/promise-report.md}: for every promise in {@code ../shared/design/PROMISES.md},
 * the tests whose display name carries its id and their results, and the promises no test proves
 * yet. Registered as a JUnit Platform listener, so every test run produces it.
 */
public class PromiseReport implements TestExecutionListener {

	private static final Pattern ID = Pattern.compile("\\b(ACC|SEC|PUR|RET|RIG|CON|SHR|STO|HST|BRE|POL|SUP|EU)-\\d+\\b");

	private static final Pattern DECLARED = Pattern.compile("^\\| ([A-Z]{2,3}-\\d+) \\| ([^|]+)\\|", Pattern.MULTILINE);

	private record Result(String test, String status) {
	}

	private final Map<String, List<Result>> results = new TreeMap<>();

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (!test.isTest()) {
			return;
		}
		Matcher m = ID.matcher(test.getDisplayName() + " " + test.getLegacyReportingName());
		String name = test.getDisplayName();
		while (m.find()) {
			results.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(new Result(name, result.getStatus().name()));
		}
	}

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		Matcher m = ID.matcher(test.getDisplayName());
		while (m.find()) {
			results.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(new Result(test.getDisplayName(), "SKIPPED"));
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan plan) {
		Map<String, String> declared = new TreeMap<>();
		Path promises = Path.of("..", "shared", "design", "PROMISES.md");
		try {
			if (Files.exists(promises)) {
				Matcher m = DECLARED.matcher(Files.readString(promises));
				while (m.find()) {
					declared.put(m.group(1), m.group(2).strip());
				}
			}
			var out = new StringBuilder("# Promise report\n\n| promise | tests | result |\n|---|---|---|\n");
			var ids = new TreeMap<String, String>(declared);
			results.keySet().forEach(id -> ids.putIfAbsent(id, ""));
			int proven = 0;
			for (var id : ids.keySet()) {
				List<Result> tests = results.getOrDefault(id, List.of());
				boolean ok = !tests.isEmpty() && tests.stream().allMatch(r -> r.status().equals("SUCCESSFUL"));
				proven += ok ? 1 : 0;
				String status = tests.isEmpty() ? "not yet proven" : ok ? "kept" : "FAILING";
				out.append("| ").append(id).append(' ').append(ids.get(id)).append(" | ")
					.append(tests.stream().map(Result::test).distinct().reduce((a, b) -> a + "<br>" + b).orElse("—"))
					.append(" | ").append(status).append(" |\n");
			}
			out.append("\n").append(proven).append(" of ").append(ids.size()).append(" promises proven by passing tests.\n");
			Path target = Path.of("target");
			if (Files.isDirectory(target) && !results.isEmpty()) {
				Files.writeString(target.resolve("promise-report.md"), out.toString());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
