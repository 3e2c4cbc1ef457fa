package io.myrmidon.myrinet;

/**
 * The 64-bit cookie this transport puts in every descriptor it posts; the NIC echoes it in the completion, so
 * the completion says what to release without a lookup table:
 * <pre>
 *   63        56 55              40 39                                     0
 *  +------------+------------------+----------------------------------------+
 *  |  KIND (8)  |    PEER (16)     |               VALUE (40)               |
 *  +------------+------------------+----------------------------------------+
 * </pre>
 * KIND is one of the constants below; PEER the world rank the operation involves; VALUE the staging ring
 * position where a staged send ends ({@link #STAGED}), the exposure id ({@link #EXPOSED}) or the pull slot
 * ({@link #PULL}). Stateless; thread safe.
 */
final class SendCookie
{
    /** A tiny fragment copied into the descriptor: nothing to release. */
    static final int TINY = 1;
    /** A fragment staged in the eager staging ring: release the ring up to VALUE. */
    static final int STAGED = 2;
    /** A region announced for pull: completes once the receiver pulled it. */
    static final int EXPOSED = 3;
    /** A pull into this rank's memory: VALUE is its slot in the pull table. */
    static final int PULL = 4;

    /** VALUE holds the low 40 bits. */
    static final long VALUE_MASK = (1L << 40) - 1;

    private SendCookie()
    {
    }

    static long pack(final int kind, final int peer, final long value)
    {
        return (long)kind << 56 | (long)(peer & 0xFFFF) << 40 | (value & VALUE_MASK);
    }

    static int kind(final long cookie)
    {
        return (int)(cookie >>> 56);
    }

    static int peer(final long cookie)
    {
        return (int)(cookie >>> 40) & 0xFFFF;
    }

    static long value(final long cookie)
    {
        return cookie & VALUE_MASK;
    }
}
