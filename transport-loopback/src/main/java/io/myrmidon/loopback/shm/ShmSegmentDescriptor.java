package io.myrmidon.loopback.shm;

import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Layout of one rank's inbound segment, the file {@code /dev/shm/myrmidon-<jobId>-<rank>}
 * (unlinked once every peer has mapped it). The owner polls the rings; rank {@code s} is the only
 * producer of ring {@code s}, so every ring is single-producer single-consumer (Agrona
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer}). A rank sending to itself uses its
 * own ring like any other.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic (64 bits)                        |  0  written last (release)
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            Version                            |  8
 *  +---------------------------------------------------------------+
 *  |                          Owner Rank                           | 12
 *  +---------------------------------------------------------------+
 *  |                           Job Size                            | 16
 *  +---------------------------------------------------------------+
 *  |                         Ring Capacity                         | 20
 *  +---------------------------------------------------------------+
 *  |                       Owner PID (64 bits)                     | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   padding to the next cache line              | 32..63
 *  +---------------------------------------------------------------+
 *  |                          Futex Word                           | 64  bumped by waking senders
 *  +---------------------------------------------------------------+
 *  |                         Sleeping Flag                         | 68  1 while the owner may block
 *  +---------------------------------------------------------------+
 *  |                   padding to HEADER_LENGTH (4 KiB)            |
 *  +---------------------------------------------------------------+
 *  |   Ring written by rank 0: capacity + ring trailer, padded     | HEADER_LENGTH
 *  |   to RING_STRIDE (a multiple of 4 KiB)                        |
 *  +---------------------------------------------------------------+
 *  |   Ring written by rank 1                                      | HEADER_LENGTH + RING_STRIDE
 *  +---------------------------------------------------------------+
 *  |   ... one ring per rank of the job, self included             |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The futex word and the sleeping flag share one cache line: both are touched only on the path
 * to sleep and the path to wake, never per message, so senders keep the line shared in their
 * caches while the owner is busy.
 */
public final class ShmSegmentDescriptor
{
    /** "MYRMSHM1" in ASCII, little endian. */
    public static final long MAGIC = 0x314D48534D524D59L;
    /** Bumped on every incompatible layout change. */
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int OWNER_RANK_OFFSET = 12;
    public static final int JOB_SIZE_OFFSET = 16;
    public static final int RING_CAPACITY_OFFSET = 20;
    public static final int OWNER_PID_OFFSET = 24;
    public static final int FUTEX_WORD_OFFSET = 64;
    public static final int SLEEPING_FLAG_OFFSET = 68;

    /** Length of the header; the first ring starts here, page aligned. */
    public static final int HEADER_LENGTH = 4096;

    private static final int PAGE_SIZE = 4096;

    private ShmSegmentDescriptor()
    {
    }

    /**
     * @param ringCapacity the data capacity of each ring, a power of two.
     * @return the distance between two consecutive rings: capacity plus Agrona's trailer, page
     * aligned.
     */
    public static int ringStride(final int ringCapacity)
    {
        return BitUtil.align(ringCapacity + RingBufferDescriptor.TRAILER_LENGTH, PAGE_SIZE);
    }

    /**
     * @return the offset of the ring that {@code senderRank} writes.
     */
    public static long ringOffset(final int senderRank, final int ringCapacity)
    {
        return HEADER_LENGTH + (long)senderRank * ringStride(ringCapacity);
    }

    /**
     * @return the ring's length as Agrona sees it: capacity plus trailer.
     */
    public static int ringLength(final int ringCapacity)
    {
        return ringCapacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * @return the length of a segment of a job of {@code jobSize} ranks.
     */
    public static long segmentLength(final int jobSize, final int ringCapacity)
    {
        return HEADER_LENGTH + (long)jobSize * ringStride(ringCapacity);
    }
}
