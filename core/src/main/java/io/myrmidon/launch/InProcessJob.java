package io.myrmidon.launch;

import io.myrmidon.spi.Bootstrap;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job whose ranks are threads of this JVM (the {@code threads} mode): it hands out one
 * {@link Bootstrap} per rank, and its collective exchange is a generation-counted rendezvous under
 * a monitor. Start-up only, never a hot path.
 *
 * <p>Thread safe. Objects that the ranks of this job share (for example the in-memory rings of
 * the threads transport) can be attached with {@link #sharedState(Object, java.util.function.Supplier)}.
 */
public final class InProcessJob
{
    private static final AtomicLong JOB_COUNTER = new AtomicLong();

    private final int size;
    private final String jobId;
    private final String transportName;
    private final byte[][] contributions;
    private byte[][] result;
    private int arrived;
    private long generation;
    private boolean broken;
    private volatile String abortReason;
    private final java.util.List<Runnable> abortListeners = new java.util.ArrayList<>();
    private final java.util.Map<Object, Object> shared = new java.util.HashMap<>();

    /**
     * @param size          number of ranks (threads).
     * @param transportName the transport to use, for example {@code "threads"}.
     */
    public InProcessJob(final int size, final String transportName)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("a job needs at least one rank: " + size);
        }
        this.size = size;
        this.transportName = Objects.requireNonNull(transportName, "transportName");
        this.jobId = "threads-" + ProcessHandle.current().pid() + "-" + JOB_COUNTER.incrementAndGet();
        this.contributions = new byte[size][];
    }

    /**
     * @return the number of ranks.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the job id.
     */
    public String jobId()
    {
        return jobId;
    }

    /**
     * @param rank a rank of this job.
     * @return the bootstrap that rank's thread uses.
     */
    public Bootstrap bootstrap(final int rank)
    {
        if (rank < 0 || rank >= size)
        {
            throw new IllegalArgumentException("rank " + rank + " is outside 0.." + (size - 1));
        }
        return new RankBootstrap(rank);
    }

    /**
     * Returns the object shared by all ranks under {@code key}, creating it on first use.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T sharedState(final Object key, final java.util.function.Supplier<T> factory)
    {
        return (T)shared.computeIfAbsent(key, k -> factory.get());
    }

    /**
     * Breaks the job: every rank blocked in, or later entering, an exchange fails. Used when a
     * rank thread dies, so the others do not hang.
     */
    public void abort()
    {
        abort("a rank failed");
    }

    /**
     * Breaks the job (see {@link #abort()}) and tells the {@link #onAbort listeners}, so that the
     * ranks blocked in an in-process transport fail too (the threads transport reports every peer
     * as failed, which fails their operations with {@code PEER_DIED}). Only the first call counts.
     *
     * @param reason what ended the job, for example the failed rank's error message.
     * @return true when this call aborted the job, false when it was aborted already.
     */
    public boolean abort(final String reason)
    {
        final Runnable[] listeners;
        synchronized (this)
        {
            broken = true;
            notifyAll();
            if (abortReason != null)
            {
                return false;
            }
            abortReason = Objects.requireNonNull(reason, "reason");
            listeners = abortListeners.toArray(new Runnable[0]);
        }
        for (final Runnable listener : listeners)
        {
            listener.run();
        }
        return true;
    }

    /**
     * @return why the job was aborted, or null while it runs. A volatile read: cheap enough for a
     * transport's poll.
     */
    public String abortReason()
    {
        return abortReason;
    }

    /**
     * Runs {@code listener} when the job is aborted (at once when it is already), on the aborting
     * thread. A listener must not block: it may wake the ranks' threads.
     */
    public void onAbort(final Runnable listener)
    {
        Objects.requireNonNull(listener, "listener");
        synchronized (this)
        {
            if (abortReason == null)
            {
                abortListeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    private synchronized byte[][] exchange(final int rank, final byte[] mine) throws InterruptedException
    {
        if (broken)
        {
            throw new IllegalStateException("job " + jobId + " was aborted: " + abortReason);
        }
        final long myGeneration = generation;
        contributions[rank] = mine.clone();
        if (++arrived == size)
        {
            result = contributions.clone();
            java.util.Arrays.fill(contributions, null);
            arrived = 0;
            generation++;
            notifyAll();
            return result;
        }
        while (generation == myGeneration)
        {
            if (broken)
            {
                throw new IllegalStateException("job " + jobId + " was aborted: " + abortReason);
            }
            wait();
        }
        return result;
    }

    private final class RankBootstrap implements Bootstrap
    {
        private final int rank;

        private RankBootstrap(final int rank)
        {
            this.rank = rank;
        }

        @Override
        public int rank()
        {
            return rank;
        }

        @Override
        public int size()
        {
            return size;
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

        /**
         * The array returned is shared by all ranks of this exchange: do not modify it.
         */
        @Override
        public byte[][] allGather(final byte[] mine)
        {
            try
            {
                return exchange(rank, mine);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the other ranks of " + jobId, ex);
            }
        }

        /**
         * @return the job this rank belongs to, so that in-process transports can share state.
         */
        public InProcessJob job()
        {
            return InProcessJob.this;
        }

        @Override
        public void close()
        {
        }
    }

    /**
     * @param bootstrap a bootstrap.
     * @return the in-process job it belongs to, or null when it is not one of an in-process job.
     */
    public static InProcessJob of(final Bootstrap bootstrap)
    {
        return bootstrap instanceof RankBootstrap rb ? rb.job() : null;
    }
}
