package io.myrmidon.myrinet;

/**
 * The 64-bit match information every NIC message carries, packed the way Open MPI's MX layer packed it:
 * <pre>
 *   63              48 47              32 31                              0
 *  +------------------+------------------+---------------------------------+
 *  |   CONTEXT (16)   |   SOURCE (16)    |            TAG (32)             |
 *  +------------------+------------------+---------------------------------+
 * </pre>
 * The engine matches on its own header (inside the fragment), so this transport uses the fields for what the
 * NIC must know without reading the payload:
 * <ul>
 *   <li>CONTEXT: the kind of message, {@link #FRAGMENT} (an engine fragment, eager) or {@link #EXPOSURE} (the
 *   announcement of an exposed region, delivered by the NIC as a rendezvous).</li>
 *   <li>SOURCE: the sender's world rank, so the receiver knows who sent a fragment.</li>
 *   <li>TAG: for a fragment, its sequence number on the path sender -> receiver (modulo 2^32; the receiver
 *   checks that the NIC kept the order); for an exposure, the sender's exposure id that the pull descriptor
 *   names.</li>
 * </ul>
 * Stateless; thread safe.
 */
final class MatchInformation
{
    /** CONTEXT of an engine fragment ("MF"). */
    static final int FRAGMENT = 0x4D46;
    /** CONTEXT of a region exposed for pull ("MR"). */
    static final int EXPOSURE = 0x4D52;
    /** Ranks must fit in the 16-bit SOURCE field. */
    static final int MAX_RANKS = 1 << 16;

    private static final int CONTEXT_SHIFT = 48;
    private static final int SOURCE_SHIFT = 32;

    private MatchInformation()
    {
    }

    static long pack(final int context, final int source, final int tag)
    {
        return (long)(context & 0xFFFF) << CONTEXT_SHIFT | (long)(source & 0xFFFF) << SOURCE_SHIFT |
            (tag & 0xFFFF_FFFFL);
    }

    static int context(final long matchInfo)
    {
        return (int)(matchInfo >>> CONTEXT_SHIFT) & 0xFFFF;
    }

    static int source(final long matchInfo)
    {
        return (int)(matchInfo >>> SOURCE_SHIFT) & 0xFFFF;
    }

    static int tag(final long matchInfo)
    {
        return (int)matchInfo;
    }
}
