package io.kluis.crypto.internal;

import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code crypto generate-master-key} and {@code crypto rewrap}. */
@Configuration(proxyBeanMethods = false)
class CryptoCommands {

	@Bean
	KluisCommand generateMasterKeyCommand() {
		return new KluisCommand() {
			public String name() {
				return "crypto generate-master-key";
			}

			public String synopsis() {
				return "[--id ID]  print a new master key entry to append to the key file";
			}

			public int run(List<String> options, PrintStream out) {
				String id = KluisCommand.option(options, "id");
				out.println(MasterKeyring.newEntry(id != null ? id : String.valueOf(System.currentTimeMillis() / 1000)));
				return 0;
			}
		};
	}

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
