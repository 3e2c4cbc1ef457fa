package io.myrmidon.myrinet;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import io.myrmidon.MyrmidonContext;
import io.myrmidon.nic.wire.WireLink;
import io.myrmidon.spi.LaunchHook;
import io.myrmidon.spi.PreparedJob;
import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;
import io.myrmidon.vmm.tools.WireOptions;

/**
 * {@code myrmidon run --transport myrinet}: before the ranks start, the launcher reuses the host daemon that
 * runs in {@code $MYRMIDON_HOST_DIR} (default {@code /tmp/myrmidon-host-<uid>}) or starts one, and tells the
 * ranks where it is. A daemon the launcher started is stopped when the job ends (also when a rank failed or the
 * launcher was interrupted); a daemon that was already running is left running. Jobs that share a host at the
 * same time should start the daemon beforehand ({@code bin/myrmidon host start}) so that no job stops it under
 * the others.
 * <p>
 * Stateless; thread safe.
 */
public final class MyrinetLaunchHook implements LaunchHook
{
    /** The environment variable that names the daemon's directory (as {@link HostDirectory} reads it). */
    static final String HOST_DIR_ENV = "MYRMIDON_HOST_DIR";
    private static final String SPIN_ENV = "MYRMIDON_IDLE_SPINNANOS";
    private static final String YIELD_ENV = "MYRMIDON_IDLE_YIELDNANOS";

    @Override
    public String transportName()
    {
        return MyrinetTransportProvider.NAME;
    }

    /** {@code netns} (default: network namespaces where possible) or {@code loopback} for {@code --hosts K}. */
    static final String HOSTS_MODE_ENV = "MYRMIDON_HOSTS_MODE";
    /** {@code seed[,drop,reorder,duplicate]}: put an impairment relay on the links between the hosts. */
    static final String RELAY_ENV = "MYRMIDON_WIRE_RELAY";

    /**
     * {@code --hosts K} with K above 1: K hosts ({@link HostCluster}: network namespaces, or loopback addresses
     * with the reason printed), a daemon on each, the NICs linked over UDP; ranks placed blockwise (ranks
     * {@code r * K / N} on host ... : the first N/K ranks on h0, the next on h1) and, in namespaces, started inside
     * their host's namespace. Everything is removed when the job ends.
     */
    @Override
    public PreparedJob prepareJob(
        final String jobId, final int ranks, final int hosts, final Map<String, String> rankEnvironment)
        throws IOException
    {
        if (hosts == 1)
        {
            final AutoCloseable undo = beforeJob(jobId, ranks, rankEnvironment);
            return undo::close;
        }
        oversubscribed(ranks + hosts, rankEnvironment);
        final String mode = System.getenv().getOrDefault(HOSTS_MODE_ENV, "netns");
        if (!mode.equals("netns") && !mode.equals("loopback"))
        {
            throw new IOException(HOSTS_MODE_ENV + " must be netns or loopback, not '" + mode + "'");
        }
        final HostCluster cluster = HostCluster.start(HostDirectory.fromEnvironment().root(), hosts,
            mode.equals("netns"), wireMtu(), System.getenv(RELAY_ENV));
        if (cluster.fallback() != null)
        {
            System.err.println("myrinet: --hosts " + hosts + " runs its host daemons on loopback addresses, not in " +
                "network namespaces: " + cluster.fallback());
        }
        return new PreparedJob()
        {
            @Override
            public List<String> commandPrefix(final int rank)
            {
                return cluster.commandPrefix(hostOf(rank, ranks, hosts));
            }

            @Override
            public void environment(final int rank, final Map<String, String> environment)
            {
                environment.put(HOST_DIR_ENV, cluster.directory(hostOf(rank, ranks, hosts)).root().toString());
            }

            @Override
            public InetAddress rendezvousAddress()
            {
                return cluster.bridgeAddress();
            }

            @Override
            public void close()
            {
                cluster.close();
            }
        };
    }

    private static int wireMtu() throws IOException
    {
        final String value = System.getenv(WireOptions.MTU_ENV);
        try
        {
            return value == null || value.isBlank() ? WireLink.DEFAULT_MTU : Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new IOException(WireOptions.MTU_ENV + " must be a number of bytes per datagram, not '" + value + "'");
        }
    }

    /**
     * @return the host of {@code rank}: blockwise, like mpirun's default mapping by slot.
     */
    static int hostOf(final int rank, final int ranks, final int hosts)
    {
        return (int)((long)rank * hosts / ranks);
    }

    private static void oversubscribed(final int threads, final Map<String, String> rankEnvironment)
    {
        if (threads > Runtime.getRuntime().availableProcessors())
        {
            // The NIC's firmware thread needs a core too: ranks that spin long starve it on a small host (1.3 ms
            // instead of 9 us per hop measured on 2 cores). Spin briefly, as oversubscribed ranks do, unless the
            // user chose (environment here, or -D in MYRMIDON_JAVA_OPTS, which ranks read first).
            rankEnvironment.putIfAbsent(SPIN_ENV, System.getenv().getOrDefault(SPIN_ENV,
                Long.toString(MyrmidonContext.OVERSUBSCRIBED_SPIN_NANOS)));
            rankEnvironment.putIfAbsent(YIELD_ENV, System.getenv().getOrDefault(YIELD_ENV,
                Long.toString(MyrmidonContext.OVERSUBSCRIBED_YIELD_NANOS)));
        }
    }

    @Override
    public AutoCloseable beforeJob(final String jobId, final int ranks, final Map<String, String> rankEnvironment)
        throws IOException
    {
        oversubscribed(ranks + 1, rankEnvironment);
        final HostDirectory dir = HostDirectory.fromEnvironment();
        final HostControl.Started daemon;
        try
        {
            daemon = HostDaemons.ensureRunning(dir);
        }
        catch (final IOException e)
        {
            throw new IOException("the myrinet transport needs a host daemon, and none could be started in " +
                dir.root() + ": " + e.getMessage(), e);
        }
        rankEnvironment.put(HOST_DIR_ENV, dir.root().toString());
        return () ->
        {
            if (daemon.started())
            {
                final String problem = HostDaemons.stop(dir);
                if (problem != null)
                {
                    throw new IOException(problem);
                }
            }
        };
    }
}
