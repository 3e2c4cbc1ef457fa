package io.myrmidon.nic.wire;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The receiving half of one reliable link (one peer NIC to this NIC): frames are handed to the
 * {@link WireFrameHandler} strictly in sequence order, each exactly once. Duplicates (sequence already delivered
 * or already held) are dropped; frames ahead of the next expected one, within the window, are held in a
 * preallocated slot until the gap is filled; frames beyond the window are dropped (the sender retransmits them).
 * The cumulative acknowledgement is the next sequence not yet <em>consumed</em>: a handler that refuses a frame
 * (its destination is full) holds the whole link back, which is the flow control that reaches the sender.
 * <p>
 * Firmware thread only; nothing is allocated per frame.
 */
final class ReliableReceiver
{
    static final int WINDOW = ReliableSender.WINDOW;
    private static final int MASK = WINDOW - 1;

    private final MemorySegment block;
    private final MemorySegment[] slots = new MemorySegment[WINDOW];
    private final boolean[] present = new boolean[WINDOW];
    private final WireFrameFlyweight frame = new WireFrameFlyweight();
    private int expected;
    private int held;
    private int peerEpoch;
    /** Frames consumed or held since the last acknowledgement went out (pure or piggy-backed). */
    int unacknowledged;
    /** An acknowledgement must go out at once: a duplicate or an out-of-order frame (the sender may be stuck). */
    boolean ackUrgent;
    /** When the oldest unacknowledged frame arrived. */
    long ackOwedSinceNs;
    long duplicates;

    /**
     * @param arena     where the slots live.
     * @param frameSize bytes per frame.
     */
    ReliableReceiver(final Arena arena, final int frameSize)
    {
        block = arena.allocate((long)frameSize * WINDOW, 64);
        for (int i = 0; i < WINDOW; i++)
        {
            slots[i] = block.asSlice((long)i * frameSize, frameSize);
        }
    }

    /**
     * @return the cumulative acknowledgement: the next sequence expected.
     */
    int ack()
    {
        return expected;
    }

    /**
     * @return frames the sender may have in flight beyond {@link #ack()}.
     */
    int window()
    {
        return WINDOW;
    }

    /**
     * @param epoch the epoch a frame from the peer carried.
     * @return true when it differs from the known one (the peer restarted; the caller resets both directions).
     */
    boolean epochChanged(final int epoch)
    {
        if (peerEpoch == epoch)
        {
            return false;
        }
        final boolean restarted = peerEpoch != 0;
        peerEpoch = epoch;
        if (restarted)
        {
            expected = 0;
            held = 0;
            java.util.Arrays.fill(present, false);
        }
        return restarted;
    }

    /**
     * @return the peer's epoch as last seen (0 before its first frame).
     */
    int peerEpoch()
    {
        return peerEpoch;
    }

    /**
     * A sequenced frame arrived.
     *
     * @param peer     the peer's NIC id.
     * @param incoming the frame (only valid during this call).
     * @param length   its length.
     * @param handler  where frames go, in order.
     * @param nowNs    now.
     * @return frames consumed by the handler.
     */
    int onFrame(
        final int peer,
        final WireFrameFlyweight incoming,
        final int length,
        final WireFrameHandler handler,
        final long nowNs)
    {
        final int sequence = incoming.sequence();
        final int ahead = sequence - expected;
        if (ahead < 0)
        {
            duplicates++;
            ackUrgent = true; // our acknowledgement was lost: repeat it
            return 0;
        }
        if (ahead >= WINDOW)
        {
            return 0; // beyond the window: the sender was not allowed to send it; it will come again
        }
        if (ahead == 0 && held == 0 && handler.onFrame(peer, incoming))
        {
            expected++;
            owe(nowNs);
            return 1;
        }
        final int slot = sequence & MASK;
        if (present[slot])
        {
            duplicates++;
            return 0;
        }
        MemorySegment.copy(incoming.segment(), 0, slots[slot], 0, length);
        present[slot] = true;
        held++;
        owe(nowNs);
        ackUrgent |= ahead > 0; // out of order: a duplicate acknowledgement tells the sender at once
        return deliver(peer, handler, nowNs);
    }

    /**
     * Hand held frames that are next in order to the handler, as far as it takes them.
     *
     * @param peer    the peer's NIC id.
     * @param handler where frames go.
     * @param nowNs   now.
     * @return frames consumed.
     */
    int deliver(final int peer, final WireFrameHandler handler, final long nowNs)
    {
        int consumed = 0;
        while (held > 0)
        {
            final int slot = expected & MASK;
            if (!present[slot] || !handler.onFrame(peer, frame.wrap(slots[slot])))
            {
                break;
            }
            present[slot] = false;
            held--;
            expected++;
            consumed++;
            owe(nowNs);
        }
        return consumed;
    }

    private void owe(final long nowNs)
    {
        if (unacknowledged++ == 0)
        {
            ackOwedSinceNs = nowNs;
        }
    }

    /**
     * @param nowNs now.
     * @return true when a pure acknowledgement should go out now: urgent, or many frames or a while since the
     * last one (delayed acknowledgement: a reply usually carries it for free).
     */
    boolean ackDue(final long nowNs)
    {
        return ackUrgent || unacknowledged >= WINDOW / 8 ||
            unacknowledged > 0 && nowNs - ackOwedSinceNs >= WireLink.ACK_DELAY_NS;
    }

    /**
     * @return true when frames wait to be acknowledged.
     */
    boolean ackOwed()
    {
        return ackUrgent || unacknowledged > 0;
    }

    /**
     * An acknowledgement (pure or piggy-backed) went out.
     */
    void acknowledged()
    {
        ackUrgent = false;
        unacknowledged = 0;
    }

    /**
     * @return frames held (out of order, or refused by the handler).
     */
    int held()
    {
        return held;
    }
}
