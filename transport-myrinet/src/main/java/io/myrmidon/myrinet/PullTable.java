package io.myrmidon.myrinet;

import org.agrona.MutableDirectBuffer;

/**
 * The receiver's pulls in flight: one slot per pull, from {@link MyrinetTransport#pull} until the NIC's pull
 * completion. Pulls wait in a FIFO until the send ring (and, for a destination outside guest memory, the
 * bounce ring) has room; they are posted in that order, so bounce ranges are claimed and released in order.
 * <p>
 * Not thread safe: the rank's thread only. Preallocated: no allocation after construction.
 */
final class PullTable
{
    /** Slot state: free. */
    static final int FREE = 0;
    /** Slot state: waiting in the FIFO to be posted. */
    static final int WAITING = 1;
    /** Slot state: posted to the NIC. */
    static final int POSTED = 2;

    final int[] state;
    final long[] token;
    final long[] handle;
    final int[] source;
    final MutableDirectBuffer[] destination;
    final int[] destinationOffset;
    final int[] length;
    /** Offset in guest memory the NIC writes to: the destination itself, or a bounce range. */
    final long[] landing;
    /** True when {@link #landing} is a bounce range to copy out and release. */
    final boolean[] bounced;
    /** For a bounce: the bounce ring position to release up to. */
    final long[] bounceEnd;

    private final int[] freeSlots;
    private int freeCount;
    private final int[] fifo;
    private long fifoHead;
    private long fifoTail;

    /**
     * @param capacity most pulls in flight, a power of two.
     */
    PullTable(final int capacity)
    {
        state = new int[capacity];
        token = new long[capacity];
        handle = new long[capacity];
        source = new int[capacity];
        destination = new MutableDirectBuffer[capacity];
        destinationOffset = new int[capacity];
        length = new int[capacity];
        landing = new long[capacity];
        bounced = new boolean[capacity];
        bounceEnd = new long[capacity];
        freeSlots = new int[capacity];
        fifo = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * @return a free slot, now {@link #WAITING} at the FIFO's tail, or -1 when every slot is in use.
     */
    int enqueue()
    {
        if (freeCount == 0)
        {
            return -1;
        }
        final int slot = freeSlots[--freeCount];
        state[slot] = WAITING;
        fifo[(int)(fifoTail++ & (fifo.length - 1))] = slot;
        return slot;
    }

    /**
     * @return the oldest waiting slot, or -1.
     */
    int firstWaiting()
    {
        return fifoHead == fifoTail ? -1 : fifo[(int)(fifoHead & (fifo.length - 1))];
    }

    /**
     * The oldest waiting slot was posted.
     */
    void posted()
    {
        state[fifo[(int)(fifoHead++ & (fifo.length - 1))]] = POSTED;
    }

    /**
     * @param slot a slot whose pull completed; it becomes free.
     */
    void free(final int slot)
    {
        state[slot] = FREE;
        destination[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    /**
     * @return pulls waiting or posted.
     */
    int inFlight()
    {
        return state.length - freeCount;
    }
}
