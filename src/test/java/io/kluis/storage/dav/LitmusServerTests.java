package io.kluis.storage.dav;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.ExternalPrograms;
import io.kluis.KluisServerTest;
import io.kluis.storage.StorageCustomers;
import io.kluis.storage.files.SpaceKind;
import io.kluis.storage.files.Spaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * The WebDAV conformance suite litmus (Debian's package), all five parts, against a running Kluis
 * with an app password: every test must pass, with no warnings left unexplained.
 */
@KluisServerTest
@ExternalPrograms.Needs(value = "litmus", packages = "litmus")
class LitmusServerTests {

	private static final Pattern SUMMARY = Pattern
		.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

	@Value("${kluis.base-url}")
	String baseUrl;

	@Autowired
	ApplicationContext context;

	@Autowired
	Spaces spaces;

	@Test
	@DisplayName("W1: litmus passes 100 % (basic, copymove, props, locks, http) on a plain space")
	void litmusPassesEverything() throws Exception {
		var customer = StorageCustomers.in(context).withAppPassword("litmus");
		spaces.create(customer.id(), "litmus", SpaceKind.PLAIN);
		String output = litmus(baseUrl + "/dav/litmus/", customer.email(), customer.appPassword());
		var summaries = new ArrayList<String>();
		var matcher = SUMMARY.matcher(output);
		while (matcher.find()) {
			summaries.add(matcher.group(1));
			assertThat(matcher.group(4)).as("failures in " + matcher.group(1) + ":\n" + output).isEqualTo("0");
		}
		assertThat(summaries).as(output).containsExactly("basic", "copymove", "props", "locks", "http");
	}

	private static String litmus(String url, String user, String password) throws IOException, InterruptedException {
		Path work = Files.createTempDirectory("litmus");
		var process = new ProcessBuilder(List.of(ExternalPrograms.find("litmus").toString(), url, user, password))
			.directory(work.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		Files.writeString(Path.of("target", "litmus.log"), output);
		return output;
	}
}
