package io.myrmidon.spi;

import java.io.IOException;
import java.util.Map;

/**
 * What a transport needs on this host before a job's ranks start, for example a host daemon that
 * its ranks attach to. Found with {@link java.util.ServiceLoader} (register it in
 * {@code META-INF/services/io.myrmidon.spi.LaunchHook}); the launcher calls the hook whose
 * {@link #transportName()} is the job's transport, once per job, on its main thread.
 */
public interface LaunchHook
{
    /**
     * @return the transport this hook prepares for, as {@link TransportProvider#name()} gives it.
     */
    String transportName();

    /**
     * Prepares this host for a job, before any rank starts.
     *
     * @param jobId           the job's identifier.
     * @param ranks           how many ranks the job starts on this host.
     * @param rankEnvironment variables every rank gets; the hook may add to it.
     * @return what to undo when the job ends (called once, also when the launcher is interrupted
     * or a rank failed).
     * @throws IOException when the host cannot be prepared; the job does not start.
     */
    AutoCloseable beforeJob(String jobId, int ranks, Map<String, String> rankEnvironment) throws IOException;
}
