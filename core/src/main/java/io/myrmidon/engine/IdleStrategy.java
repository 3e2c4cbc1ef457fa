package io.myrmidon.engine;

import io.myrmidon.spi.Transport;

/**
 * How a rank waits when a pass of progress found nothing to do: spin (lowest latency), then
 * yield, then park in the transport ({@link Transport#await(long)}), which blocks on a futex or
 * eventfd where the transport has one. The park time doubles from the minimum to the maximum.
 *
 * <p>The phases are measured in time, not in passes, because a pass costs more with more peers to
 * poll. The spin phase must outlast the time it takes to wake a sleeping peer (on a virtual
 * machine, waking an idle vCPU can take most of a millisecond): otherwise two ranks that
 * ping-pong can fall into a pattern where each message waits for the other rank to be woken. With
 * more ranks than cores the phases are short, so that a waiting rank gives its core to one that
 * has work.
 *
 * <p>Not thread safe: one per rank.
 */
final class IdleStrategy
{
    private static final int CLOCK_READ_MASK = 63;

    private final Transport transport;
    private final long spinNanos;
    private final long yieldEndNanos;
    private final long minParkNanos;
    private final long maxParkNanos;

    private long idleCount;
    private long idleSinceNanos;
    private long parkNanos;
    private boolean spinning = true;

    IdleStrategy(final Transport transport, final EngineConfig config)
    {
        this.transport = transport;
        this.spinNanos = config.spinNanos();
        this.yieldEndNanos = config.spinNanos() + config.yieldNanos();
        this.minParkNanos = config.minParkNanos();
        this.maxParkNanos = config.maxParkNanos();
        this.parkNanos = minParkNanos;
    }

    void reset()
    {
        idleCount = 0;
        spinning = true;
        parkNanos = minParkNanos;
    }

    void idle(final int work)
    {
        if (work > 0)
        {
            reset();
            return;
        }
        if (idleCount++ == 0)
        {
            idleSinceNanos = System.nanoTime();
        }
        if (spinning)
        {
            // the clock is read once every 64 passes while spinning
            if ((idleCount & CLOCK_READ_MASK) != 0 || System.nanoTime() - idleSinceNanos < spinNanos)
            {
                Thread.onSpinWait();
                return;
            }
            spinning = false;
        }
        if (System.nanoTime() - idleSinceNanos < yieldEndNanos)
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
