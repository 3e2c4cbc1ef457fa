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
        @CommandLine.Option(names = "--host", paramLabel = "NAME",
            description = "This host's name in the host table (default: $" + WireOptions.HOST_ENV + ").")
        private String host;

        @CommandLine.Option(names = "--hosts", paramLabel = "TABLE",
            description = "The cluster: name=address:port,... (or a file of such lines); the NIC links to the " +
                "other hosts' NICs over UDP (default: $" + WireOptions.HOSTS_ENV + "; none: a host on its own).")
        private String hosts;

        @CommandLine.Option(names = "--mtu", paramLabel = "BYTES",
            description = "Bytes per wire datagram, header included (default 1472).")
        private int mtu;

        @Override
        public Integer call() throws Exception
        {
            final HostDirectory dir = HostDirectory.fromEnvironment();
            final WireOptions wire;
            try
            {
                wire = WireOptions.of(host, hosts, mtu);
            }
            catch (final IllegalArgumentException e)
            {
                System.err.println("host start: " + e.getMessage());
                return 2;
            }
            final HostControl.Started started = HostControl.start(dir, wire);
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
