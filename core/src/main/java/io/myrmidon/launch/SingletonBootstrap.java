package io.myrmidon.launch;

import io.myrmidon.spi.Bootstrap;

/**
 * The bootstrap of a process started without a launcher: a job of one rank.
 */
public final class SingletonBootstrap implements Bootstrap
{
    private final String jobId;
    private final String transportName;

    public SingletonBootstrap(final String transportName)
    {
        this("single-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()), transportName);
    }

    /**
     * @param jobId         the job id the launcher gave a job of one rank.
     * @param transportName the transport to use, or null for the default.
     */
    public SingletonBootstrap(final String jobId, final String transportName)
    {
        this.jobId = jobId;
        this.transportName = transportName;
    }

    @Override
    public int rank()
    {
        return 0;
    }

    @Override
    public int size()
    {
        return 1;
    }

    @Override
    public String jobId()
    {
        return jobId;
    }

    @Override
    public String transportName()
    {
        return transportName;
    }

    @Override
    public byte[][] allGather(final byte[] mine)
    {
        return new byte[][]{ mine.clone() };
    }

    @Override
    public void close()
    {
    }
}
