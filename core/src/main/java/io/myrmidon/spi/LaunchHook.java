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

    /**
     * Prepares this host for a job whose ranks are spread over {@code hosts} hosts (a transport that links
     * hosts may make them here, for example as network namespaces with a host daemon each), before any rank
     * starts. The default runs {@link #beforeJob} for a job on one host and refuses more hosts.
     *
     * @param jobId           the job's identifier.
     * @param ranks           how many ranks the job starts.
     * @param hosts           over how many hosts (1: this host only).
     * @param rankEnvironment variables every rank gets; the hook may add to it.
     * @return where each rank runs and what to undo when the job ends.
     * @throws IOException when the hosts cannot be prepared; the job does not start.
     */
    default PreparedJob prepareJob(
        final String jobId, final int ranks, final int hosts, final Map<String, String> rankEnvironment)
        throws IOException
    {
        if (hosts != 1)
        {
            throw new IOException("the " + transportName() + " transport runs its ranks on one host; --hosts " +
                hosts + " needs a transport that links hosts (myrinet)");
        }
        final AutoCloseable undo = beforeJob(jobId, ranks, rankEnvironment);
        return undo::close;
    }
}
