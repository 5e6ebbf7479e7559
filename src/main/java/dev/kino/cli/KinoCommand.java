package dev.kino.cli;

import dev.kino.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kino}: the top-level command, which only lists its subcommands. */
@Command(name = "kino", mixinStandardHelpOptions = true, version = "kino 0.1.0",
        description = "Kino: a self-hosted video streaming server.",
        subcommands = {ServeCommand.class, UserCommand.class, SignCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Every option can also be set in a YAML file (--config) or as an environment variable, "
                + "e.g. KINO_PORT=9000, KINO_MEDIA=~/Videos, KINO_LIBRARY_RESCAN_INTERVAL=30s.",
                "The launcher also has: ./kino test   (runs the whole test suite)"})
public final class KinoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured command line: configuration errors print one line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KinoCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof CliException || e instanceof dev.kino.app.StartupException || e instanceof dev.kino.auth.AuthException) {
                cmd.getErr().println("kino: " + e.getMessage());
                return 2;
            }
            StringBuilder why = new StringBuilder(String.valueOf(e));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                why.append("\n  caused by: ").append(c);
            }
            cmd.getErr().println("kino: " + why);
            if ("DEBUG".equalsIgnoreCase(System.getenv("KINO_LOG_LEVEL"))) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }
}
