package io.kluis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * For tests that run a real outside program (litmus, rclone, davfs2): {@code @ExternalPrograms.Needs({"litmus"})}.
 * When a program is missing the test is skipped with the reason on a laptop, and fails when
 * {@code CI=true}, where nothing may be skipped silently; {@code .ci/run} installs them.
 */
public class ExternalPrograms implements ExecutionCondition {

	private static final List<Path> DIRECTORIES = List.of(Path.of("/usr/bin"), Path.of("/usr/sbin"),
			Path.of("/usr/local/bin"), Path.of("/sbin"), Path.of("/bin"));

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@ExtendWith(ExternalPrograms.class)
	public @interface Needs {

		/** Program names, looked up in the usual binary directories. */
		String[] value();

		/** The Debian packages that provide them, for the skip message. */
		String packages() default "";
	}

	/** The program's path, or {@code null} when it is not installed. */
	public static Path find(String program) {
		for (Path directory : DIRECTORIES) {
			Path candidate = directory.resolve(program);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		var needs = AnnotationSupport.findAnnotation(context.getElement(), Needs.class);
		if (needs.isEmpty()) {
			return ConditionEvaluationResult.enabled("needs no outside program");
		}
		var missing = new ArrayList<String>();
		for (String program : needs.get().value()) {
			if (find(program) == null) {
				missing.add(program);
			}
		}
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("found " + String.join(", ", needs.get().value()));
		}
		String install = needs.get().packages().isEmpty() ? String.join(" ", missing) : needs.get().packages();
		String problem = "missing " + String.join(", ", missing) + " (apt-get install " + install + ")";
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true, so this test may not be skipped: " + problem);
		}
		return ConditionEvaluationResult.disabled("Skipped: " + problem);
	}
}
