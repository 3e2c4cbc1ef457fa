package io.myrmidon.vmm.tools;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code myrmidon host start|stop|stat}: the host daemon (one NIC model and one VMM) and its counters.
 */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    description = "Run this host's NIC model and VMM as a daemon, and read its counters.",
    subcommands = {HostCommand.Start.class, HostCommand.Stop.class, HostCommand.Stat.class})
public final class HostCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        CommandLine.usage(this, System.out);
        return 2;
    }

    /**
     * @param args start, stop or stat.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new HostCommand()).execute(args));
    }

    @Command(name = "start", description = "Start the host daemon (no-op if it runs).")
    static final class Start implements Callable<Integer>
    {
        @Override
        public Integer call() throws Exception
        {
            final HostDirectory dir = HostDirectory.fromEnvironment();
            final HostControl.Started started = HostControl.start(dir);
            System.out.println((started.started() ? "host started" : "host already running") +
                ": pid " + started.pid() + ", socket " + dir.socket());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the host daemon and remove its files.")
    static final class Stop implements Callable<Integer>
    {
        @Override
        public Integer call() throws Exception
        {
            final HostDirectory dir = HostDirectory.fromEnvironment();
            System.out.println(HostControl.stop(dir) ? "host stopped" : "host was not running");
            return 0;
        }
    }

    @Command(name = "stat", description = "Print the counters per VM and per endpoint.")
    static final class Stat implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            final HostDirectory dir = HostDirectory.fromEnvironment();
            if (dir.runningDaemon().isEmpty())
            {
                System.err.println("host daemon is not running (start it with 'myrmidon host start')");
                return 1;
            }
            StatPrinter.print(dir.mapCounters(false), System.out);
            return 0;
        }
    }
}
