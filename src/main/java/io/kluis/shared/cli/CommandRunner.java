package io.kluis.shared.cli;

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
		String name = words.size() >= 2 ? words.get(0) + " " + words.get(1) : String.join(" ", words);
		var command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
		if (command.isEmpty()) {
			System.out.println("Unknown command. Available commands:");
			commands.stream().sorted(Comparator.comparing(KluisCommand::name))
					.forEach(c -> System.out.println("  " + c.name() + "  " + c.synopsis()));
			exitCode = 2;
			return;
		}
		exitCode = command.get().run(words.subList(Math.min(2, words.size()), words.size()), System.out);
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}
}
