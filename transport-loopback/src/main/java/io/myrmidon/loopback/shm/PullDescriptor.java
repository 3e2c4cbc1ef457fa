package io.myrmidon.loopback.shm;

/**
 * Layout of the descriptor that {@link ShmTransport#exposeForPull} writes and
 * {@link ShmTransport#pull} reads: where the exposed bytes live in the exposing process.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          Address in the exposing process (64 bits)            |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            Length                             |  8
 *  +---------------------------------------------------------------+
 *  |                         Exposing Rank                         | 12
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The process id is not carried: the puller knows each rank's process from its segment header.
 */
public final class PullDescriptor
{
    public static final int ADDRESS_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int RANK_OFFSET = 12;
    /** Length of a descriptor in bytes. */
    public static final int LENGTH = 16;

    private PullDescriptor()
    {
    }
}
