package io.myrmidon.nic.wire;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The sending half of one reliable link (this NIC to one peer NIC): a window of sequenced frames kept until the
 * peer acknowledges them cumulatively; the oldest unacknowledged frame is retransmitted when its timer expires
 * (exponential back-off) or at once on the third duplicate acknowledgement (fast retransmit); the receiver holds
 * what arrives out of order, so frames after a gap are not resent. Flow control: at most {@code min(WINDOW, the peer's advertised window)} frames are in flight; a
 * full window is back-pressure ({@link #room()} is 0), never an exception.
 * <p>
 * Frames live in one preallocated block: nothing is allocated per frame. Firmware thread only.
 */
final class ReliableSender
{
    /** Frames in flight at most per peer (a power of two). */
    static final int WINDOW = 256;
    /** First retransmission timeout. */
    static final long INITIAL_RTO_NS = 4_000_000L;
    /** Longest retransmission timeout (after repeated timeouts without progress). */
    static final long MAX_RTO_NS = 100_000_000L;
    private static final int MASK = WINDOW - 1;
    private static final int DUPLICATE_ACKS = 3;

    private final MemorySegment block;
    private final MemorySegment[] frames = new MemorySegment[WINDOW];
    private final int[] lengths = new int[WINDOW];
    private final long[] sentAt = new long[WINDOW];
    private final WireFrameFlyweight frame = new WireFrameFlyweight();
    private int nextSequence;
    private int acked;
    private int peerWindow = WINDOW;
    private int duplicateAcks;
    private long rtoNs = INITIAL_RTO_NS;
    private long lastProgressNs;
    long retransmissions;

    /**
     * @param arena     where the frame block lives.
     * @param frameSize bytes per frame.
     */
    ReliableSender(final Arena arena, final int frameSize)
    {
        block = arena.allocate((long)frameSize * WINDOW, 64);
        for (int i = 0; i < WINDOW; i++)
        {
            frames[i] = block.asSlice((long)i * frameSize, frameSize);
        }
    }

    /**
     * @return frames that may be sent now.
     */
    int room()
    {
        return Math.min(WINDOW, peerWindow) - (nextSequence - acked);
    }

    /**
     * @return frames sent and not yet acknowledged.
     */
    int inFlight()
    {
        return nextSequence - acked;
    }

    /**
     * The next frame to fill; call only when {@link #room()} is positive, then {@link #commit}.
     *
     * @return a flyweight over it, header cleared, SEQUENCE set.
     */
    WireFrameFlyweight claim()
    {
        return frame.wrap(frames[nextSequence & MASK]).clearHeader().sequence(nextSequence);
    }

    /**
     * @return the flyweight over the frame last claimed (header not cleared).
     */
    WireFrameFlyweight claimed()
    {
        return frame;
    }

    /**
     * Account for the frame from {@link #claim()}: it is now in flight.
     *
     * @param length its length on the wire.
     * @param nowNs  now.
     * @return the frame to transmit.
     */
    MemorySegment commit(final int length, final long nowNs)
    {
        final int slot = nextSequence & MASK;
        if (nextSequence == acked)
        {
            lastProgressNs = nowNs;
        }
        lengths[slot] = length;
        sentAt[slot] = nowNs;
        nextSequence++;
        return frames[slot];
    }

    /**
     * @param sequence a sequence in flight.
     * @return its frame.
     */
    MemorySegment frame(final int sequence)
    {
        return frames[sequence & MASK];
    }

    /**
     * @param sequence a sequence in flight.
     * @return its length.
     */
    int length(final int sequence)
    {
        return lengths[sequence & MASK];
    }

    /**
     * A cumulative acknowledgement arrived.
     *
     * @param ack    the next sequence the peer expects.
     * @param window frames the peer can hold beyond it.
     * @param nowNs  now.
     * @return the sequence to retransmit at once (fast retransmit, unsigned), or -1 when none.
     */
    long onAck(final int ack, final int window, final long nowNs)
    {
        if (ack - acked > 0 && ack - nextSequence <= 0)
        {
            acked = ack;
            duplicateAcks = 0;
            rtoNs = INITIAL_RTO_NS;
            lastProgressNs = nowNs;
            peerWindow = window;
            return -1;
        }
        peerWindow = window;
        if (ack == acked && nextSequence != acked && ++duplicateAcks == DUPLICATE_ACKS)
        {
            sentAt[acked & MASK] = nowNs;
            retransmissions++;
            return acked & 0xFFFF_FFFFL;
        }
        return -1;
    }

    /**
     * Retransmit, through {@code link}, the oldest unacknowledged frame if its timer expired. Only the oldest: the
     * acknowledgement is cumulative, so frames after a gap usually wait, held by the receiver, for the gap to be
     * filled; resending them all (go-back-N) would multiply the traffic on a lossy link. Later gaps are found by
     * their own timers or by duplicate acknowledgements once the acknowledgement moved up to them.
     *
     * @param link  the link that sends.
     * @param peer  the peer's NIC id.
     * @param nowNs now.
     * @return frames retransmitted.
     */
    int retransmitExpired(final WireLink link, final int peer, final long nowNs)
    {
        if (acked == nextSequence)
        {
            return 0;
        }
        final int slot = acked & MASK;
        if (nowNs - sentAt[slot] < rtoNs)
        {
            return 0;
        }
        sentAt[slot] = nowNs;
        link.transmit(peer, frames[slot], lengths[slot]);
        retransmissions++;
        rtoNs = Math.min(MAX_RTO_NS, rtoNs * 2); // back off while the peer does not answer
        return 1;
    }

    /**
     * @param nowNs now.
     * @return nanoseconds since the peer last acknowledged something while frames were in flight, else 0.
     */
    long stalledNs(final long nowNs)
    {
        return nextSequence == acked ? 0 : nowNs - lastProgressNs;
    }

    /**
     * The peer restarted (new epoch): what was in flight was for its previous incarnation; start again from 0.
     */
    void reset()
    {
        nextSequence = 0;
        acked = 0;
        peerWindow = WINDOW;
        duplicateAcks = 0;
        rtoNs = INITIAL_RTO_NS;
    }
}
