package io.myrmidon.loopback.threads;

import io.myrmidon.ErrorClass;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonContext;
import io.myrmidon.MyrmidonException;
import io.myrmidon.launch.InProcessJob;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aborting an in-process job ends the ranks blocked in the threads transport: rank 0 aborts while
 * rank 1 waits in a receive from it and rank 2 in a barrier; both fail with {@code PEER_DIED} and
 * the abort's reason, promptly (before the transport reported aborts, they waited forever).
 */
@Timeout(30)
class ThreadsAbortTest
{
    @Test
    void anAbortFailsTheRanksBlockedInTheTransport() throws Exception
    {
        final InProcessJob job = new InProcessJob(3, "threads");
        final AtomicReferenceArray<Throwable> outcomes = new AtomicReferenceArray<>(3);
        final CountDownLatch waiting = new CountDownLatch(2);
        final Thread[] threads = new Thread[3];
        for (int r = 0; r < 3; r++)
        {
            final int rank = r;
            threads[r] = new Thread(() ->
            {
                try
                {
                    final Myrmidon mpi = Myrmidon.init(new MyrmidonContext().bootstrap(job.bootstrap(rank))
                        .transport("threads"));
                    if (rank == 0)
                    {
                        waiting.await();
                        Thread.sleep(100); // the others are blocked by then
                        assertTrue(job.abort("rank 0 gave up"));
                        assertFalse(job.abort("again"), "only the first abort counts");
                        return;
                    }
                    waiting.countDown();
                    if (rank == 1)
                    {
                        mpi.world().recv(new UnsafeBuffer(new byte[8]), 0, 8, 0, 7);
                    }
                    else
                    {
                        mpi.world().barrier();
                    }
                }
                catch (final Throwable t)
                {
                    outcomes.set(rank, t);
                }
            }, "abort-rank-" + r);
            threads[r].setDaemon(true);
            threads[r].start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), thread.getName() + " is still blocked after the abort");
        }
        assertEquals(null, outcomes.get(0), () -> "rank 0: " + outcomes.get(0));
        for (int rank = 1; rank < 3; rank++)
        {
            final Throwable failure = outcomes.get(rank);
            assertNotNull(failure, "rank " + rank + " must fail");
            final MyrmidonException ex = assertInstanceOf(MyrmidonException.class, failure);
            assertEquals(ErrorClass.PEER_DIED, ex.errorClass(), ex.toString());
            assertTrue(ex.getMessage().contains("the job was aborted: rank 0 gave up"), ex.getMessage());
        }
        assertEquals("rank 0 gave up", job.abortReason());
    }
}
