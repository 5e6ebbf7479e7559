package dev.kino;

import dev.kino.cli.KinoCommand;
import picocli.CommandLine;

/** Entry point: hands the arguments to the command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(KinoCommand.commandLine().execute(args));
    }
}
