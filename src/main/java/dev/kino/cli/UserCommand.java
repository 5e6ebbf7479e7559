package dev.kino.cli;

import dev.kino.app.Services;
import dev.kino.auth.AuthService;
import dev.kino.store.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kino user add|passwd|remove}: accounts, with the password read from standard input. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Remove.class})
final class UserCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** What every account command takes: the data dir and config, and the account's name. */
    abstract static class AccountCommand implements Runnable {
        @Mixin
        ConfigOptions common;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an account; the password is read from standard input (or asked for on a terminal).")
    static final class Add extends AccountCommand {
        @Option(names = "--admin", description = "make the account an administrator")
        boolean admin;

        @Override
        public void run() {
            String password = readPassword();
            auth(common).addUser(name, password, admin);
            System.out.println("added user " + name + (admin ? " (admin)" : ""));
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set an account's password, read from standard input (or asked for on a terminal).")
    static final class Passwd extends AccountCommand {
        @Override
        public void run() {
            String password = readPassword();
            auth(common).setPassword(name, password);
            System.out.println("password of " + name + " changed; its sessions have ended");
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove an account; its sessions end, also in a running server (within seconds).")
    static final class Remove extends AccountCommand {
        @Override
        public void run() {
            auth(common).removeUser(name);
            System.out.println("removed user " + name);
        }
    }

    /** The accounts of the data dir the options name (the running server's, when it is the same dir). */
    private static AuthService auth(ConfigOptions common) {
        var config = common.load(Map.of());
        return Services.auth(Database.open(config.dataDir()), config.auth());
    }

    /** {@code Console.isTerminal()} exists from Java 22; on 21 a non-null console is a terminal. */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static String readPassword() {
        Console console = System.console();
        if (isTerminal(console)) {
            char[] a = console.readPassword("password: ");
            char[] b = console.readPassword("again: ");
            if (a == null || b == null || !new String(a).equals(new String(b))) {
                throw new CliException("passwords do not match");
            }
            return new String(a);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new CliException("cannot read the password: " + e.getMessage());
        }
    }
}
