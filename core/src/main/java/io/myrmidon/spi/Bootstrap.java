package io.myrmidon.spi;

/**
 * Who this rank is and how it finds its peers: the launcher's side of start-up (environment plus
 * a rendezvous), behind an interface that a PMIx or Slurm bootstrap can implement.
 *
 * <p>The collective methods are called by every rank of the job, in the same order; they block
 * until all ranks have called them. Used at start-up and shut-down only, never on a hot path.
 */
public interface Bootstrap extends AutoCloseable
{
    /**
     * @return this rank, {@code 0 <= rank < size}.
     */
    int rank();

    /**
     * @return the number of ranks in the job.
     */
    int size();

    /**
     * @return an identifier of the job, unique on this host while it runs; safe to use in file
     * names ({@code [A-Za-z0-9_-]}).
     */
    String jobId();

    /**
     * @return the name of the transport the launcher chose, or null to use the default.
     */
    String transportName();

    /**
     * Gathers one blob from every rank: after it returns, element {@code i} is what rank {@code i}
     * passed. Collective and blocking.
     *
     * @param mine this rank's contribution (may be empty, never null).
     * @return every rank's contribution, indexed by rank.
     */
    byte[][] allGather(byte[] mine);

    /**
     * Returns once every rank has called it. Collective and blocking.
     */
    default void barrier()
    {
        allGather(new byte[0]);
    }

    /**
     * Releases the bootstrap's resources (sockets). Not collective.
     */
    @Override
    void close();
}
