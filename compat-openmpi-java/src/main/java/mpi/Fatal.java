package mpi;

/**
 * Ends the job: for {@link MPI#ERRORS_ARE_FATAL} and {@code Comm.abort}.
 *
 * <p>A rank that is a process of its own prints the message to standard error and exits with the
 * given status; the launcher then tears the other ranks down (and their Myrmidon sees the peer
 * die). In the {@code threads} mode the JVM holds the whole job's ranks and perhaps its test
 * harness, so the in-process job is aborted (ranks blocked in its exchanges fail) and the calling
 * rank's thread ends with a {@link JobAbortedError} carrying the status.
 */
final class Fatal
{
    private Fatal()
    {
    }

    static void end(final RankState rank, final String message, final int status, final Throwable cause)
    {
        System.out.flush();
        System.err.println(message);
        System.err.flush();
        if (rank != null && rank.job != null)
        {
            rank.job.abort();
            throw new JobAbortedError(message, status, cause);
        }
        Runtime.getRuntime().exit(status);
        throw new JobAbortedError(message, status, cause);
    }
}
