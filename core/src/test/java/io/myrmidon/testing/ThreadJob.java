package io.myrmidon.testing;

import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonContext;
import io.myrmidon.launch.InProcessJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job whose ranks are threads of this JVM, each with its own {@link Myrmidon} on the named
 * transport. The first failure of any rank fails the job (other ranks are interrupted and the job's
 * exchanges aborted), and the job must finish within the timeout.
 */
public final class ThreadJob
{
    /**
     * What one rank's thread does, given its rank.
     */
    @FunctionalInterface
    public interface RankTask
    {
        void run(int rank) throws Throwable;
    }

    private ThreadJob()
    {
    }

    public static void run(final int size, final String transport, final RankBody body)
    {
        run(size, transport, Map.of(), 60, body);
    }

    public static void run(final int size, final String transport, final Map<String, String> properties,
        final long timeoutSeconds, final RankBody body)
    {
        final InProcessJob job = new InProcessJob(size, transport);
        runThreads(job, "rank-", true, timeoutSeconds, rank ->
        {
            final MyrmidonContext context = new MyrmidonContext().bootstrap(job.bootstrap(rank)).transport(transport);
            properties.forEach(context::set);
            final Myrmidon mpi = Myrmidon.init(context);
            // no try-with-resources: a rank that failed must not enter close()'s finalize
            // barrier, where it would wait for peers that wait for it
            body.run(mpi);
            mpi.close();
        });
    }

    /**
     * Starts one daemon thread per rank of {@code job} running {@code task}, and waits for all of
     * them. A rank whose task throws is recorded, the job's exchanges are aborted and, when
     * {@code interruptOnFailure}, the other rank threads are interrupted. Fails with the first
     * failure (the others suppressed), or with every live thread's stack when the job does not end
     * within the timeout.
     *
     * @param threadNamePrefix thread names are this followed by the rank.
     */
    public static void runThreads(final InProcessJob job, final String threadNamePrefix,
        final boolean interruptOnFailure, final long timeoutSeconds, final RankTask task)
    {
        final int size = job.size();
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final Thread[] threads = new Thread[size];
        for (int r = 0; r < size; r++)
        {
            final int rank = r;
            threads[r] = new Thread(() ->
            {
                try
                {
                    task.run(rank);
                }
                catch (final Throwable t)
                {
                    failures.add(new AssertionError("rank " + rank + " failed: " + t, t));
                    job.abort("rank " + rank + " failed: " + t);
                    if (interruptOnFailure)
                    {
                        for (final Thread other : threads)
                        {
                            if (other != null && other != Thread.currentThread())
                            {
                                other.interrupt();
                            }
                        }
                    }
                }
            }, threadNamePrefix + r);
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
                        if (interruptOnFailure)
                        {
                            t.interrupt();
                        }
                    }
                }
                job.abort();
                throw new AssertionError("job " + job.jobId() + " of " + size + " ranks did not finish within " +
                    timeoutSeconds + " s; failures so far: " + failures + "\n" + stacks);
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
