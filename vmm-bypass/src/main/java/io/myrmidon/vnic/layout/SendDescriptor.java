package io.myrmidon.vnic.layout;

/**
 * One entry of an endpoint's send ring, written by the guest (or, in mediated mode, by the VMM) and read by the
 * NIC, which copies it before validating so that a guest rewriting it concurrently gains nothing.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            OPCODE             |        SEGMENT_COUNT          |  0
 *  |                     COOKIE (64, echoed in events)             |  8
 *  |                MATCH_INFO (64) / RENDEZVOUS handle for PULL   |  16
 *  |         DEST_ENDPOINT         |          DEST_KEY             |  24
 *  |         TOTAL_LENGTH          |          DEST_NIC             |  32
 *  |                           reserved                            |  36..39
 *  +---------------------------------------------------------------+  40: SEGMENTS, 4 x 16 bytes:
 *  |          WINDOW_KEY           |           LENGTH              |      +0, +4
 *  |                     OFFSET in window (64)                     |      +8
 *  +---------------------------------------------------------------+  or, for SEND_TINY, up to 64 inline bytes
 *  |                           reserved                            |  104..127
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class SendDescriptor
{
    /** Bytes per descriptor. */
    public static final int LENGTH = 128;

    /** Offset of the opcode. */
    public static final int OPCODE_OFFSET = 0;
    /** Offset of the segment count. */
    public static final int SEGMENT_COUNT_OFFSET = 4;
    /** Offset of the guest's cookie. */
    public static final int COOKIE_OFFSET = 8;
    /** Offset of the 64-bit match information (SEND) or the rendezvous handle (PULL). */
    public static final int MATCH_INFO_OFFSET = 16;
    /** Offset of the destination endpoint id. */
    public static final int DEST_ENDPOINT_OFFSET = 24;
    /** Offset of the destination endpoint key. */
    public static final int DEST_KEY_OFFSET = 28;
    /** Offset of the total length. */
    public static final int TOTAL_LENGTH_OFFSET = 32;
    /** Offset of the destination NIC id. */
    public static final int DEST_NIC_OFFSET = 36;
    /** Offset of the first segment, or of the inline data of a tiny send. */
    public static final int SEGMENTS_OFFSET = 40;
    /** Bytes per segment. */
    public static final int SEGMENT_LENGTH = 16;
    /** Offset of the window key within a segment. */
    public static final int SEGMENT_KEY_OFFSET = 0;
    /** Offset of the byte count within a segment. */
    public static final int SEGMENT_BYTES_OFFSET = 4;
    /** Offset of the window offset within a segment. */
    public static final int SEGMENT_WINDOW_OFFSET_OFFSET = 8;
    /** Most segments per descriptor. */
    public static final int MAX_SEGMENTS = 4;
    /** Largest tiny (inline) payload. */
    public static final int TINY_MAX = 64;

    /** Send up to {@link #TINY_MAX} bytes carried in the descriptor itself. */
    public static final int OPCODE_SEND_TINY = 1;
    /** Send up to the eager limit, gathered from windows into the receiver's eager ring (small and medium). */
    public static final int OPCODE_SEND_EAGER = 2;
    /** Announce a large message; the receiver pulls it. */
    public static final int OPCODE_SEND_RENDEZVOUS = 3;
    /** Receiver-driven pull of an announced large message into a local window (segment 0). */
    public static final int OPCODE_PULL = 4;

    private SendDescriptor()
    {
    }

    /**
     * @param index segment index.
     * @return offset of that segment within a descriptor.
     */
    public static int segmentOffset(final int index)
    {
        return SEGMENTS_OFFSET + index * SEGMENT_LENGTH;
    }
}
