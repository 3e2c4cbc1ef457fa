package io.myrmidon.myrinet;

/**
 * A FIFO allocator of byte ranges in one region of guest memory: the eager staging area (fragments wait there
 * until the NIC has copied them) and the pull bounce area (pulled bytes wait there until they are copied into a
 * buffer outside guest memory). The NIC executes one endpoint's descriptors in ring order and completes eager
 * sends and pulls when it executes them, so ranges are released in the order they were claimed: two positions
 * suffice.
 * <pre>
 *   region start                                                    region end
 *   |....free....|tail==== claimed, not yet released ====head|....free....|
 * </pre>
 * Positions grow for ever (a long); offset = position modulo capacity. A range never wraps: when it does not
 * fit before the region's end, the rest of the region is skipped (and released with the range).
 * <p>
 * Not thread safe: the rank's thread only. Allocation free.
 */
final class StagingRing
{
    private static final int ALIGNMENT = 64;

    private final long regionOffset;
    private final long capacity;
    private long head;
    private long tail;
    private long headBeforeClaim;

    /**
     * @param regionOffset where the region starts in guest memory.
     * @param capacity     its length, a multiple of 64.
     */
    StagingRing(final long regionOffset, final long capacity)
    {
        this.regionOffset = regionOffset;
        this.capacity = capacity;
    }

    /**
     * @return the region's length: no claim can be larger.
     */
    long capacity()
    {
        return capacity;
    }

    /**
     * Claims {@code length} contiguous bytes.
     *
     * @return their offset in guest memory, or -1 when the ring is too full now.
     */
    long claim(final int length)
    {
        final long rounded = (length + ALIGNMENT - 1) & -(long)ALIGNMENT;
        long start = head;
        final long offsetInRegion = start % capacity;
        if (offsetInRegion + rounded > capacity)
        {
            start += capacity - offsetInRegion; // skip to the region's start
        }
        if (start + rounded - tail > capacity)
        {
            return -1;
        }
        headBeforeClaim = head;
        head = start + rounded;
        return regionOffset + start % capacity;
    }

    /**
     * @return the position just past the last claim: release up to it when that claim is done.
     */
    long lastClaimEnd()
    {
        return head;
    }

    /**
     * Undoes the last claim (its descriptor could not be posted).
     */
    void unclaimLast()
    {
        head = headBeforeClaim;
    }

    /**
     * Releases everything claimed up to {@code end}, given as {@link #lastClaimEnd()} was, modulo 2^40.
     */
    void releaseUpTo(final long end40)
    {
        final long end = head - ((head - end40) & SendCookie.VALUE_MASK);
        if (end > tail)
        {
            tail = end;
        }
    }

    /**
     * @return bytes claimed and not released.
     */
    long inUse()
    {
        return head - tail;
    }
}
