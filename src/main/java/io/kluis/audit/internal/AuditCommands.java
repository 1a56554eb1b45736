package io.kluis.audit.internal;

import io.kluis.audit.AuditTrail;
import io.kluis.audit.ChainVerification;
import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code audit verify}: for cron jobs and monitoring, so the exit code is the verdict. */
@Configuration(proxyBeanMethods = false)
class AuditCommands {

	@Bean
	KluisCommand auditVerifyCommand(AuditTrail trail) {
		return new KluisCommand() {
			@Override
			public String name() {
				return "audit verify";
			}

			@Override
			public String synopsis() {
				return "recompute the audit hash chain; exit 0 when intact, 1 when broken";
			}

			@Override
			public int run(List<String> options, PrintStream out) {
				ChainVerification result = trail.verify();
				out.println("Entries checked: " + result.entriesChecked());
				if (result.intact()) {
					out.println("Chain intact.");
				}
				else {
					out.println("Chain BROKEN at sequence " + result.firstBrokenSequence() + ".");
				}
				out.println("Head hash: " + result.headHash());
				out.println("Compare the head hash with the event=audit.anchor lines in your shipped logs.");
				return result.intact() ? 0 : 1;
			}
		};
	}
}
