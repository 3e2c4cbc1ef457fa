package io.myrmidon.loopback.shm;

import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a job of {@code shm} ranks as threads of this JVM: each thread opens its own transport
 * (its own segment) through an {@link InProcessJob} bootstrap, runs the body and closes.
 */
final class InProcessRanks
{
    @FunctionalInterface
    interface RankBody
    {
        void run(Transport transport, int rank) throws Exception;
    }

    private InProcessRanks()
    {
    }

    /**
     * @return the job id, so that tests can look for left-overs.
     * @throws AssertionError with every rank's failure.
     */
    static String run(final int size, final Map<String, String> properties, final RankBody body)
        throws InterruptedException
    {
        final InProcessJob job = new InProcessJob(size, ShmTransportProvider.NAME);
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < size; r++)
        {
            final int rank = r;
            final Thread thread = new Thread(() ->
            {
                try (Transport transport = new ShmTransportProvider().open(new TestContext(job.bootstrap(rank), properties)))
                {
                    body.run(transport, rank);
                }
                catch (final Throwable ex)
                {
                    failures.add(new AssertionError("rank " + rank + " failed: " + ex, ex));
                    job.abort();
                }
            }, "shm-rank-" + rank);
            thread.start();
            threads.add(thread);
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        if (!failures.isEmpty())
        {
            final AssertionError error = new AssertionError(failures.size() + " rank(s) failed", failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        return job.jobId();
    }
}
