package io.kluis.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kluis.KluisIntegrationTest;
import io.kluis.TestClock;
import io.kluis.notifications.NotificationsTestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@KluisIntegrationTest
@Import(TestClock.class)
@TestPropertySource(properties = { NotificationsTestClock.A_YEAR_AHEAD, NotificationsTestClock.NO_SCHEDULING })
class MailTestCommandIntegrationTests {

	@Autowired
	MailTestCommand command;

	@Test
	void theTestCommandSendsAtOnceAndReportsTheStatusWithoutTheAddress() {
		var output = new ByteArrayOutputStream();

		int exit = command.run(List.of("--to", "operator@hosting.example", "--lang", "en"),
				new PrintStream(output, true, StandardCharsets.UTF_8));

		assertThat(exit).isZero();
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("SENT").doesNotContain("operator@");
	}

	@Test
	void withoutAnAddressTheCommandExplainsItsUsage() {
		var output = new ByteArrayOutputStream();

		assertThat(command.run(List.of(), new PrintStream(output, true, StandardCharsets.UTF_8))).isEqualTo(2);
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("mail test --to");
	}
}
