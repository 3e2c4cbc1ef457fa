package io.myrmidon.nic;

import io.myrmidon.vnic.sys.EventFd;
import org.agrona.concurrent.IdleStrategy;

/**
 * The firmware's idle strategy: spin a little, then yield the core (so a guest that shares it runs at once) for
 * up to {@code myrmidon.nic.yieldMicros} of idleness, and once that has run its course raise the sleeping flag
 * in every endpoint, look once more for work, and block on the doorbell eventfd that guests signal when they see
 * the flag, and on the wire's UDP socket when the NIC is linked to other hosts. So an idle NIC costs no CPU, a
 * doorbell or a datagram still wakes it at once, and a busy one never naps on a timer: a timed park (Linux
 * rounds it up to some 50 us) would delay every descriptor posted during it, because guests ring the doorbell
 * only when the flag is up.
 */
final class DoorbellIdleStrategy implements IdleStrategy
{
    /** Idle rounds spent spinning before yielding, {@code myrmidon.nic.spins}. */
    private static final long SPINS = Long.getLong("myrmidon.nic.spins", 100);
    /** Idle time spent yielding before the firmware blocks, {@code myrmidon.nic.yieldMicros}. */
    private static final long YIELD_NANOS = Long.getLong("myrmidon.nic.yieldMicros", 500) * 1_000;

    private final NicFirmware firmware;
    private final EventFd doorbell;
    private long idleRounds;
    private long idleSinceNanos;

    DoorbellIdleStrategy(final NicFirmware firmware, final EventFd doorbell)
    {
        this.firmware = firmware;
        this.doorbell = doorbell;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
            return;
        }
        idle();
    }

    @Override
    public void idle()
    {
        if (idleRounds++ < SPINS)
        {
            Thread.onSpinWait();
            return;
        }
        final long now = System.nanoTime();
        if (idleRounds == SPINS + 1)
        {
            idleSinceNanos = now;
        }
        if (now - idleSinceNanos < YIELD_NANOS)
        {
            Thread.yield();
            return;
        }
        firmware.setSleeping(1);
        if (!firmware.hasPendingWork())
        {
            firmware.counters.addGlobal(io.myrmidon.vnic.layout.CountersDescriptor.SLEEPS_OFFSET, 1);
            final io.myrmidon.nic.wire.WireLink link = firmware.link();
            if (link == null)
            {
                doorbell.await(NicConfiguration.SLEEP_MS);
            }
            else
            {
                // a datagram from another host wakes us like a doorbell; with frames in flight sleep only until
                // the next retransmission check
                doorbell.await(firmware.wireBusy() ? 1 : NicConfiguration.SLEEP_MS, link.fd());
            }
        }
        firmware.setSleeping(0);
        reset();
    }

    @Override
    public void reset()
    {
        idleRounds = 0;
    }

    @Override
    public String alias()
    {
        return "doorbell";
    }
}
