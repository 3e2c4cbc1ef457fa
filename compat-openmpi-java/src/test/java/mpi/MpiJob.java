package mpi;

import io.myrmidon.launch.Bootstraps;
import io.myrmidon.launch.InProcessJob;

import io.myrmidon.testing.ThreadJob;

/**
 * Runs a program written against the {@code mpi} API as a {@code threads}-mode job: each rank is a
 * thread with its own bootstrap installed, calling the program's code exactly as its
 * {@code main} would (with {@code MPI.Init} and {@code MPI.Finalize} inside). The first failure
 * of a rank fails the job; the job must end within the timeout.
 */
public final class MpiJob
{
    /**
     * What each rank runs: a program's main, or a test body that calls {@code MPI.Init} itself.
     */
    @FunctionalInterface
    public interface Main
    {
        void run(String[] args) throws Exception;
    }

    private MpiJob()
    {
    }

    public static void run(final int size, final Main main)
    {
        run(size, 60, main);
    }

    public static void run(final int size, final long timeoutSeconds, final Main main)
    {
        final InProcessJob job = new InProcessJob(size, "threads");
        ThreadJob.runThreads(job, "mpi-rank-", false, timeoutSeconds, rank ->
        {
            Bootstraps.installForThread(job.bootstrap(rank));
            try
            {
                main.run(new String[0]);
            }
            finally
            {
                Bootstraps.installForThread(null);
                RankState.forgetThread();
            }
        });
    }
}
