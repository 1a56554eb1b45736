package io.kluis.crypto.internal;

import io.kluis.shared.cli.KluisCommand;
import io.kluis.shared.cli.StandaloneCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code crypto generate-master-key}: prints a new keyring entry to append to the key file (or to
 * put in {@code KLUIS_MASTER_KEY}). Standalone: it touches no database and creates no file, so it
 * can be run on the machine where the key is kept, before Kluis is configured at all.
 */
public final class GenerateMasterKeyCommand implements StandaloneCommand {

	@Override
	public String name() {
		return "crypto generate-master-key";
	}

	@Override
	public String synopsis() {
		return "[--id ID]  print a new master key entry to append to the key file";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		String id = KluisCommand.option(options, "id");
		if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
			System.err.println("--id takes 1 to 64 letters, digits, '.', '_' or '-'");
			return 2;
		}
		// The id only has to differ from the keyring's other ids; the current second does.
		out.println(MasterKeyring.newEntry(id != null ? id : String.valueOf(System.currentTimeMillis() / 1000)));
		return 0;
	}
}
