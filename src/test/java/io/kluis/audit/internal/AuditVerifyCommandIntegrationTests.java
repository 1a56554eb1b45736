package io.kluis.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.audit.AuditTrail;
import io.kluis.shared.AccountId;
import io.kluis.shared.cli.KluisCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@KluisIntegrationTest
class AuditVerifyCommandIntegrationTests {

	@Autowired
	List<KluisCommand> commands;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Test
	void exitsWithZeroAndPrintsTheHeadHashWhenTheChainIsIntact() {
		var entry = trail.record("test.cli.intact", null, AccountId.random(), Map.of());
		var out = new ByteArrayOutputStream();

		int exitCode = verifyCommand().run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8));

		assertThat(exitCode).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Chain intact.")
			.contains("Head hash: ")
			.containsPattern("Entries checked: [1-9]");
		assertThat(entry.hash()).hasSize(64);
	}

	@Test
	void exitsWithOneAndNamesTheBrokenSequenceWhenAnEntryWasAltered() {
		var entry = trail.record("test.cli.tampered", null, AccountId.random(), Map.of("n", "1"));
		jdbc.sql("update audit_entries set details = ? where sequence = ?")
			.params("{\"n\":\"2\"}", entry.sequence())
			.update();
		var out = new ByteArrayOutputStream();
		int exitCode;
		try {
			exitCode = verifyCommand().run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
		}
		finally {
			jdbc.sql("update audit_entries set details = ? where sequence = ?")
				.params("{\"n\":\"1\"}", entry.sequence())
				.update();
		}

		assertThat(exitCode).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Chain BROKEN at sequence " + entry.sequence() + ".");
		assertThat(verifyCommand().run(List.of(), new PrintStream(new ByteArrayOutputStream()))).isZero();
	}

	private KluisCommand verifyCommand() {
		return commands.stream().filter(c -> c.name().equals("audit verify")).findFirst().orElseThrow();
	}
}
