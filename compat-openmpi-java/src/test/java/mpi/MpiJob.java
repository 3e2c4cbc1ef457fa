package mpi;

import io.myrmidon.launch.Bootstraps;
import io.myrmidon.launch.InProcessJob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final Thread[] threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            final int rank = r;
            threads[r] = new Thread(() ->
            {
                Bootstraps.installForThread(job.bootstrap(rank));
                try
                {
                    main.run(new String[0]);
                }
                catch (final Throwable t)
                {
                    failures.add(new AssertionError("rank " + rank + " failed: " + t, t));
                    job.abort();
                }
                finally
                {
                    Bootstraps.installForThread(null);
                    RankState.forgetThread();
                }
            }, "mpi-rank-" + r);
            threads[r].setDaemon(true);
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
            if (thread.isAlive())
            {
                final StringBuilder stacks = new StringBuilder();
                for (final Thread t : threads)
                {
                    if (t.isAlive())
                    {
                        stacks.append(t.getName()).append(":\n");
                        for (final StackTraceElement e : t.getStackTrace())
                        {
                            stacks.append("    at ").append(e).append('\n');
                        }
                    }
                }
                job.abort();
                throw new AssertionError("job of " + size + " ranks did not finish within " + timeoutSeconds +
                    " s; failures so far: " + failures + "\n" + stacks);
            }
        }
        if (!failures.isEmpty())
        {
            final AssertionError error = new AssertionError(failures.get(0).getMessage(), failures.get(0).getCause());
            for (int i = 1; i < failures.size(); i++)
            {
                error.addSuppressed(failures.get(i));
            }
            throw error;
        }
    }
}
