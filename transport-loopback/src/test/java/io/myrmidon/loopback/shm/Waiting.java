package io.myrmidon.loopback.shm;

import io.myrmidon.spi.Transport;

import java.util.concurrent.TimeUnit;

/**
 * How test ranks wait: spin, then yield, then block in {@link Transport#await}, so that many ranks
 * on few cores still make progress.
 */
final class Waiting
{
    private static final int SPINS = 2_000;
    private static final int YIELDS = 200;
    private static final long AWAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Transport transport;
    private int idle;

    Waiting(final Transport transport)
    {
        this.transport = transport;
    }

    /**
     * @param workCount what the last round did; 0 makes it idle a little more.
     */
    void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idle = 0;
            return;
        }
        idle++;
        if (idle <= SPINS)
        {
            Thread.onSpinWait();
        }
        else if (idle <= SPINS + YIELDS)
        {
            Thread.yield();
        }
        else
        {
            transport.await(AWAIT_NANOS);
        }
    }
}
