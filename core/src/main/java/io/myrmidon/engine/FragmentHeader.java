package io.myrmidon.engine;

/**
 * Layout of the header the engine puts in front of every fragment it hands a transport. All
 * fields are in the host's byte order (Myrmidon runs on little-endian hosts).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |     type      |     flags     |           reserved            |  0
 *  +---------------+---------------+-------------------------------+
 *  |                        context id                             |  4
 *  +---------------------------------------------------------------+
 *  |                           tag                                 |  8
 *  +---------------------------------------------------------------+
 *  |      message length (EAGER, RTS) / byte offset (DATA)         | 12
 *  +---------------------------------------------------------------+
 *  |                 sender's request token                        | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                receiver's request token                       | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  payload: the message (EAGER_SYNC), a pull descriptor (RTS     | 32
 *  |  with FLAG_PULL), a chunk (DATA), nothing (CTS, FIN, SYNC_ACK) |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * An EAGER fragment, the commonest, stops after the message length ({@link #EAGER_LENGTH} bytes):
 * nothing answers it, so it carries no tokens, and its message follows at byte 16. Every byte
 * counts there: over shared memory a small message's cost is the cache lines it moves from the
 * sender's core to the receiver's, and with the ring's own 8-byte record header an 8-byte message
 * takes 32 bytes instead of 48.
 */
public final class FragmentHeader
{
    public static final int TYPE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int CONTEXT_OFFSET = 4;
    public static final int TAG_OFFSET = 8;
    public static final int LENGTH_OFFSET = 12;
    public static final int SENDER_TOKEN_OFFSET = 16;
    public static final int RECEIVER_TOKEN_OFFSET = 24;
    public static final int LENGTH = 32;
    /** The header of an EAGER fragment: up to and including the message length (no tokens). */
    public static final int EAGER_LENGTH = 16;

    /** A whole message; the receiver copies it into the matching receive. */
    public static final byte EAGER = 1;
    /** An eager message of a synchronous send: the receiver answers SYNC_ACK when it matches. */
    public static final byte EAGER_SYNC = 2;
    /** Ready to send a large message (rendezvous); with FLAG_PULL the payload is a pull descriptor. */
    public static final byte RTS = 3;
    /** Clear to send: the receiver matched an RTS without a descriptor; the sender streams DATA. */
    public static final byte CTS = 4;
    /** A chunk of a streamed rendezvous message, addressed by the receiver's token. */
    public static final byte DATA = 5;
    /** The receiver pulled (or discarded) a rendezvous message: the sender may complete. */
    public static final byte FIN = 6;
    /** The receiver matched an EAGER_SYNC message: the synchronous send may complete. */
    public static final byte SYNC_ACK = 7;

    /** RTS: the payload is a transport pull descriptor. */
    public static final byte FLAG_PULL = 1;
    /** CTS/FIN: the receiver discards the message (truncation, failure): send no data. */
    public static final byte FLAG_DISCARD = 2;

    private FragmentHeader()
    {
    }

    /**
     * @return the length of the header of a fragment of {@code type}.
     */
    public static int lengthOf(final byte type)
    {
        return type == EAGER ? EAGER_LENGTH : LENGTH;
    }

    /**
     * @return a readable name of a fragment type, for messages.
     */
    public static String typeName(final byte type)
    {
        return switch (type)
        {
            case EAGER -> "EAGER";
            case EAGER_SYNC -> "EAGER_SYNC";
            case RTS -> "RTS";
            case CTS -> "CTS";
            case DATA -> "DATA";
            case FIN -> "FIN";
            case SYNC_ACK -> "SYNC_ACK";
            default -> "UNKNOWN(" + type + ")";
        };
    }
}
