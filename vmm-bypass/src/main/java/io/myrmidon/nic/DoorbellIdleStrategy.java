package io.myrmidon.nic;

import io.myrmidon.vnic.sys.EventFd;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The firmware's idle strategy: spin, yield and park briefly (Agrona's back-off), and once that has run its
 * course raise the sleeping flag in every endpoint, look once more for work, and block on the doorbell eventfd
 * that guests signal when they see the flag, and on the wire's UDP socket when the NIC is linked to other hosts.
 * So an idle NIC costs no CPU and a doorbell or a datagram still wakes it at once.
 */
final class DoorbellIdleStrategy implements IdleStrategy
{
    /** Idle rounds (spinning, yielding, short parks) before the firmware blocks, {@code myrmidon.nic.idleRounds}. */
    private static final int IDLE_ROUNDS_BEFORE_SLEEP = Integer.getInteger("myrmidon.nic.idleRounds", 500);

    private final NicFirmware firmware;
    private final EventFd doorbell;
    private final BackoffIdleStrategy backoff = new BackoffIdleStrategy(
        Long.getLong("myrmidon.nic.spins", 100), Long.getLong("myrmidon.nic.yields", 50), 1_000, 50_000);
    private int idleRounds;

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
        if (++idleRounds < IDLE_ROUNDS_BEFORE_SLEEP)
        {
            backoff.idle();
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
        idleRounds = IDLE_ROUNDS_BEFORE_SLEEP / 2;
    }

    @Override
    public void reset()
    {
        idleRounds = 0;
        backoff.reset();
    }

    @Override
    public String alias()
    {
        return "doorbell";
    }
}
