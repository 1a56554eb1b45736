package io.kluis.privacy.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * No statement in the shipped register may be untrue (issue 9 §2): every enabled statement and every
 * purpose maps, in {@code privacy/register-proofs.yml}, to promise IDs, and each of those IDs is
 * named by at least one test ({@code @DisplayName}) of this project.
 */
class RegisterProofsUnitTests {

	static final ProcessingRegister SHIPPED = RegisterLoader.load(new ClassPathResource("privacy/register.yml"));

	private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(((?:\\s*\"[^\"]*\"\\s*\\+?)+)\\)");

	private static final Pattern PROMISE = Pattern.compile("\\b[A-Z]{2,3}-\\d+\\b");

	@Test
	@DisplayName("PUR-1: every statement and purpose of the shipped register is proven by promise tests")
	void everyStatementAndPurposeIsProven() {
		assertThat(problems(SHIPPED, proofs(), promisesNamedByTests())).isEmpty();
	}

	@Test
	@DisplayName("PUR-1: a statement without proof, a proof no test names and a stale entry are each found")
	void theCheckFindsWhatIsUnproven() {
		var statements = new ArrayList<>(SHIPPED.statements());
		statements.add(new ProcessingRegister.Statement("we-never-err", true, SHIPPED.statements().get(0).text()));
		statements.add(new ProcessingRegister.Statement("quiet", false, SHIPPED.statements().get(0).text()));
		var register = new ProcessingRegister(SHIPPED.version(), SHIPPED.provider(), SHIPPED.subjects(),
				SHIPPED.categories(), SHIPPED.purposes(), SHIPPED.recipients(), SHIPPED.retention(), SHIPPED.cookies(),
				statements);
		var proofs = proofs();
		proofs.get("purposes").put("storage", List.of("STO-99"));
		proofs.get("purposes").put("gone", List.of("EU-1"));

		assertThat(problems(register, proofs, promisesNamedByTests())).containsExactly(
				"statement we-never-err has no proof in privacy/register-proofs.yml",
				"purpose storage: no test names STO-99",
				"purposes gone is not in the register");
	}

	/** What is wrong, one line each; empty when everything is proven. */
	static List<String> problems(ProcessingRegister register, Map<String, Map<String, List<String>>> proofs,
			Set<String> tested) {
		var problems = new ArrayList<String>();
		var statements = proofs.getOrDefault("statements", Map.of());
		var purposes = proofs.getOrDefault("purposes", Map.of());
		register.statements().stream().filter(ProcessingRegister.Statement::enabled)
			.forEach(s -> check("statement", s.id(), statements, tested, problems));
		register.purposes().forEach(p -> check("purpose", p.id(), purposes, tested, problems));
		var statementIds = register.statements().stream().map(ProcessingRegister.Statement::id).toList();
		var purposeIds = register.purposes().stream().map(ProcessingRegister.Purpose::id).toList();
		statements.keySet().stream().filter(id -> !statementIds.contains(id))
			.forEach(id -> problems.add("statements " + id + " is not in the register"));
		purposes.keySet().stream().filter(id -> !purposeIds.contains(id))
			.forEach(id -> problems.add("purposes " + id + " is not in the register"));
		return problems;
	}

	private static void check(String kind, String id, Map<String, List<String>> proofs, Set<String> tested,
			List<String> problems) {
		List<String> promises = proofs.get(id);
		if (promises == null || promises.isEmpty()) {
			problems.add(kind + " " + id + " has no proof in privacy/register-proofs.yml");
			return;
		}
		promises.stream().filter(p -> !tested.contains(p))
			.forEach(p -> problems.add(kind + " " + id + ": no test names " + p));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, List<String>>> proofs() {
		try (InputStream in = new ClassPathResource("privacy/register-proofs.yml").getInputStream()) {
			Map<String, Map<String, List<String>>> read = new Yaml().load(in);
			var copy = new TreeMap<String, Map<String, List<String>>>();
			read.forEach((kind, entries) -> copy.put(kind, new TreeMap<>(entries)));
			return copy;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The promise IDs that some test's {@code @DisplayName} names, read from the test sources. */
	static Set<String> promisesNamedByTests() {
		var ids = new TreeSet<String>();
		try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				if (file.endsWith("RegisterProofsUnitTests.java")) {
					continue; // this test names PUR-1 itself
				}
				Matcher names = DISPLAY_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
				while (names.find()) {
					Matcher promise = PROMISE.matcher(names.group(1));
					while (promise.find()) {
						ids.add(promise.group());
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return ids;
	}
}
