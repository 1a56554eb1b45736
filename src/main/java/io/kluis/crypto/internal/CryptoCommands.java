package io.kluis.crypto.internal;

import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code crypto rewrap}, {@code crypto epochs} and {@code crypto rotate}
 * ({@code crypto generate-master-key} is a {@link GenerateMasterKeyCommand}).
 */
@Configuration(proxyBeanMethods = false)
class CryptoCommands {

	@Bean
	KluisCommand rewrapCommand(MasterKeyRotation rotation) {
		return new KluisCommand() {
			public String name() {
				return "crypto rewrap";
			}

			public String synopsis() {
				return "re-wrap every epoch key and system key under the active (last) master key";
			}

			public int run(List<String> options, PrintStream out) {
				out.println("Re-wrapped " + rotation.rewrapAll() + " keys under the active master key.");
				return 0;
			}
		};
	}

	@Bean
	KluisCommand epochsCommand(EpochKeys epochs, DataKeys dataKeys, EpochRotation rotation) {
		return new KluisCommand() {
			public String name() {
				return "crypto epochs";
			}

			public String synopsis() {
				return "list the epoch keys in the key store, the data keys under each, and when each is destroyed";
			}

			public int run(List<String> options, PrintStream out) {
				var stored = epochs.store().list();
				String current = stored.isEmpty() ? null : stored.get(stored.size() - 1).id();
				out.println("Key store: " + epochs.store().describe());
				out.println("Epoch length " + rotation.epochLength() + ", backup retention " + rotation.backupRetention()
						+ ": backups reach an erasure within " + rotation.boundInDays() + " days.");
				out.printf("%-24s %-22s %-22s %-22s %s%n", "epoch", "created", "retired", "destroyed after", "data keys");
				for (var epoch : stored) {
					String retired = epoch.retiredAt() == null ? (epoch.id().equals(current) ? "(current)" : "-")
							: seconds(epoch.retiredAt());
					String destroy = epoch.retiredAt() == null ? "-"
							: seconds(epoch.retiredAt().plus(rotation.backupRetention()));
					out.printf("%-24s %-22s %-22s %-22s %d%n", epoch.id(), seconds(epoch.createdAt()), retired, destroy,
							dataKeys.countUnder(epoch.id()));
				}
				return 0;
			}
		};
	}

	private static String seconds(java.time.Instant instant) {
		return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
	}

	@Bean
	KluisCommand rotateCommand(EpochRotation rotation) {
		return new KluisCommand() {
			public String name() {
				return "crypto rotate";
			}

			public String synopsis() {
				return "start a new epoch now, re-wrap live data keys into it, destroy epochs past the backup retention";
			}

			public int run(List<String> options, PrintStream out) {
				try {
					var result = rotation.run(true);
					out.println("New epoch " + result.currentEpoch() + "; re-wrapped " + result.rewrapped()
							+ " data keys; retired " + result.retired().size() + ", destroyed "
							+ result.destroyed().size() + " epoch keys.");
					return 0;
				}
				catch (EpochRotation.BusyException e) {
					System.err.println("An epoch rotation is running on another node; try again later.");
					return 1;
				}
			}
		};
	}
}
