package io.kluis.shared.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the {@link KluisCommand} named by the program arguments; see {@link CommandLine}. */
@Component
@ConditionalOnProperty(name = "kluis.cli.enabled", havingValue = "true")
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

	private final List<KluisCommand> commands;

	private int exitCode = 0;

	CommandRunner(List<KluisCommand> commands) {
		this.commands = commands;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		List<String> words = Arrays.asList(arguments.getSourceArgs());
		String name = CommandLine.name(words);
		var command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
		if (command.isEmpty()) {
			var out = CommandLine.output();
			out.println(("help".equals(name) ? "" : "Unknown command. ") + "Available commands:");
			var all = new ArrayList<KluisCommand>(commands);
			all.addAll(CommandLine.standaloneCommands());
			all.stream().sorted(Comparator.comparing(KluisCommand::name))
					.forEach(c -> out.println("  " + c.name() + "  " + c.synopsis()));
			exitCode = "help".equals(name) ? 0 : 2;
			return;
		}
		exitCode = command.get().run(CommandLine.options(words), CommandLine.output());
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}
}
