package io.kluis.shared.cli;

/**
 * A {@link KluisCommand} that needs no database, configuration or other bean, and therefore runs
 * before the application starts (see {@link CommandLine}). Registered in
 * {@code META-INF/services/io.kluis.shared.cli.StandaloneCommand}; needs a public no-argument
 * constructor.
 */
public interface StandaloneCommand extends KluisCommand {
}
