package io.kluis.crypto.internal;

import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code crypto rewrap} ({@code crypto generate-master-key} is a {@link GenerateMasterKeyCommand}). */
@Configuration(proxyBeanMethods = false)
class CryptoCommands {

	@Bean
	KluisCommand rewrapCommand(MasterKeyRotation rotation) {
		return new KluisCommand() {
			public String name() {
				return "crypto rewrap";
			}

			public String synopsis() {
				return "re-wrap every data key under the active (last) master key";
			}

			public int run(List<String> options, PrintStream out) {
				out.println("Re-wrapped " + rotation.rewrapAll() + " keys under the active master key.");
				return 0;
			}
		};
	}
}
