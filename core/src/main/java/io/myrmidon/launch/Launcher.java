package io.myrmidon.launch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The command line of {@code bin/myrmidon}: {@code run} starts a job on this host (see
 * {@link RunCommand}). Exit status: the job's (the first failing rank's), 2 for bad arguments,
 * 1 when the launcher itself failed.
 *
 * <p>{@link #execute} may be called from several threads with different streams; a job installs
 * a JVM shutdown hook while it runs.
 */
@Command(
    name = "myrmidon",
    mixinStandardHelpOptions = true,
    version = "Myrmidon 0.1.0",
    description = "Starts and supervises Myrmidon jobs.",
    subcommands = CommandLine.HelpCommand.class)
public final class Launcher
{
    /** Exit status for arguments the launcher cannot use. */
    public static final int BAD_ARGUMENTS = 2;
    /** Exit status when the launcher itself failed (a JVM could not be started). */
    public static final int LAUNCHER_FAILED = 1;

    private Launcher()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(execute(System.out, System.err, args));
    }

    /**
     * Runs one command line.
     *
     * @param out  the ranks' stdout goes here.
     * @param err  the ranks' stderr and the launcher's messages go here.
     * @param args for example {@code run -n 2 ping-pong}.
     * @return the exit status.
     */
    public static int execute(final PrintStream out, final PrintStream err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Launcher())
            .addSubcommand("run", new RunCommand(out, err));
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            final CommandLine culprit = ex.getCommandLine();
            err.println((culprit == commandLine ? "myrmidon: " : "myrmidon " + culprit.getCommandName() + ": ") +
                ex.getMessage());
            err.println("Try 'bin/myrmidon " + (culprit == commandLine ? "help" : culprit.getCommandName() + " --help") +
                "' for usage.");
            return BAD_ARGUMENTS;
        });
        commandLine.setExecutionExceptionHandler((ex, culprit, parseResult) ->
        {
            err.println("myrmidon: " + (ex instanceof java.io.IOException ? ex.getMessage() : ex.toString()));
            return LAUNCHER_FAILED;
        });
        return commandLine.execute(args);
    }
}
