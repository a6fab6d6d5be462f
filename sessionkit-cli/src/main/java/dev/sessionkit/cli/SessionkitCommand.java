package dev.sessionkit.cli;

import dev.sessionkit.SessionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code sessionkit} command: cookie-store keysets, the sessions of any store, its health, export and
 * import. Exit status 0 when the command did its work, 1 when it failed at run time (a store that cannot be
 * reached, a file that does not open), 2 for a usage error (an unknown option or init-param, a missing
 * argument).
 */
@Command(name = "sessionkit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keysets, sessions, health, export and import of a sessionkit store.",
        subcommands = {KeysCommand.class, SessionsCommand.class, HealthCommand.class, ExportCommand.class,
                ImportCommand.class, CommandLine.HelpCommand.class})
public final class SessionkitCommand implements Runnable {

    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and the stores' log messages.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command and its arguments, as {@code sessionkit help} lists them
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        SessionkitCommand root = new SessionkitCommand();
        CommandLine line = new CommandLine(root);
        line.setExecutionExceptionHandler((e, failing, parsed) -> {
            PrintWriter err = failing.getErr();
            err.println("sessionkit: " + message(e));
            if (root.verbose) {
                e.printStackTrace(err);
            }
            return e instanceof UsageError ? USAGE : FAILED;
        });
        line.setExecutionStrategy(parsed -> {
            quietLogging(root.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        return line.execute(args);
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message != null ? message : e.toString();
    }

    /** The stores log what a server operator needs; the command reports what it did itself. */
    private static void quietLogging(boolean verbose) {
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.INFO : Level.SEVERE);
        for (var handler : root.getHandlers()) {
            handler.setLevel(verbose ? Level.INFO : Level.SEVERE);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: keys, sessions, health, export or import");
    }

    /** A mistake of the user's, reported without a stack trace and with exit status 2. */
    static final class UsageError extends SessionException {
        UsageError(String message, Throwable cause) {
            super(message, cause);
        }

        UsageError(String message) {
            super(message);
        }
    }
}
