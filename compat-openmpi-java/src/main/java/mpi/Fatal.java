package mpi;

/**
 * Ends the job: for {@link MPI#ERRORS_ARE_FATAL} and {@code Comm.abort}.
 *
 * <p>A rank that is a process of its own prints the message to standard error and exits with the
 * given status; the launcher then tears the other ranks down (and their Myrmidon sees the peer
 * die). In the {@code threads} mode the JVM holds the whole job's ranks and perhaps its test
 * harness, so the in-process job is aborted with the message and the calling rank's thread ends
 * with a {@link JobAbortedError} carrying the status. The abort wakes the other ranks: the threads
 * transport reports every peer failed, so a rank blocked in an operation fails with
 * {@code PEER_DIED} (its {@code MPIException}, or under {@code ERRORS_ARE_FATAL} its own
 * {@link JobAbortedError}), and the job ends promptly. Only the rank that aborted the job prints its
 * message: the ranks failing because of the abort end quietly, as the launcher's teardown of a
 * process job ends them.
 */
final class Fatal
{
    private Fatal()
    {
    }

    static void end(final RankState rank, final String message, final int status, final Throwable cause)
    {
        System.out.flush();
        if (rank != null && rank.job != null)
        {
            if (rank.job.abort(message))
            {
                System.err.println(message);
                System.err.flush();
            }
            throw new JobAbortedError(message, status, cause);
        }
        System.err.println(message);
        System.err.flush();
        Runtime.getRuntime().exit(status);
        throw new JobAbortedError(message, status, cause);
    }
}
