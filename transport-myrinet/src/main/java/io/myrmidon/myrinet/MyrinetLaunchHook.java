package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.Map;

import io.myrmidon.MyrmidonContext;
import io.myrmidon.spi.LaunchHook;
import io.myrmidon.vmm.tools.HostControl;
import io.myrmidon.vmm.tools.HostDirectory;

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

    @Override
    public AutoCloseable beforeJob(final String jobId, final int ranks, final Map<String, String> rankEnvironment)
        throws IOException
    {
        if (ranks + 1 > Runtime.getRuntime().availableProcessors())
        {
            // The NIC's firmware thread needs a core too: ranks that spin long starve it on a small host (1.3 ms
            // instead of 9 us per hop measured on 2 cores). Spin briefly, as oversubscribed ranks do, unless the
            // user chose (environment here, or -D in MYRMIDON_JAVA_OPTS, which ranks read first).
            rankEnvironment.putIfAbsent(SPIN_ENV, System.getenv().getOrDefault(SPIN_ENV,
                Long.toString(MyrmidonContext.OVERSUBSCRIBED_SPIN_NANOS)));
            rankEnvironment.putIfAbsent(YIELD_ENV, System.getenv().getOrDefault(YIELD_ENV,
                Long.toString(MyrmidonContext.OVERSUBSCRIBED_YIELD_NANOS)));
        }
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
