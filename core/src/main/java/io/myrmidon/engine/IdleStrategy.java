package io.myrmidon.engine;

import io.myrmidon.spi.Transport;

/**
 * How a rank waits when a pass of progress found nothing to do: spin (lowest latency), then
 * yield, then park in the transport ({@link Transport#await(long)}), which blocks on a futex or
 * eventfd where the transport has one. The park time doubles from the minimum to the maximum, so
 * that ranks do not burn a core each when there are more ranks than cores.
 *
 * <p>Not thread safe: one per rank.
 */
final class IdleStrategy
{
    private final Transport transport;
    private final long spins;
    private final long yields;
    private final long minParkNanos;
    private final long maxParkNanos;

    private long idleCount;
    private long parkNanos;

    IdleStrategy(final Transport transport, final EngineConfig config)
    {
        this.transport = transport;
        this.spins = config.spinIterations();
        this.yields = config.yieldIterations();
        this.minParkNanos = config.minParkNanos();
        this.maxParkNanos = config.maxParkNanos();
        this.parkNanos = minParkNanos;
    }

    void reset()
    {
        idleCount = 0;
        parkNanos = minParkNanos;
    }

    void idle(final int work)
    {
        if (work > 0)
        {
            reset();
            return;
        }
        final long count = ++idleCount;
        if (count <= spins)
        {
            Thread.onSpinWait();
        }
        else if (count <= spins + yields)
        {
            Thread.yield();
        }
        else
        {
            transport.await(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }
}
