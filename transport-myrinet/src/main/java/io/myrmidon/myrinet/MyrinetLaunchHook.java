package io.myrmidon.myrinet;

import java.io.IOException;
import java.util.Map;

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

    @Override
    public String transportName()
    {
        return MyrinetTransportProvider.NAME;
    }

    @Override
    public AutoCloseable beforeJob(final String jobId, final Map<String, String> rankEnvironment) throws IOException
    {
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
