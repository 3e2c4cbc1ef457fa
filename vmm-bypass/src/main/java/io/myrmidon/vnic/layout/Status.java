package io.myrmidon.vnic.layout;

/**
 * Completion status codes carried in events ({@link EventDescriptor#STATUS_OFFSET}).
 */
public final class Status
{
    /** Done. */
    public static final int OK = 0;
    /** A window key is unknown, revoked, or belongs to another VM. */
    public static final int BAD_WINDOW = 1;
    /** A range does not fit inside its window, or the window lacks the needed right. */
    public static final int OUT_OF_RANGE = 2;
    /** Unknown opcode or malformed descriptor (segment count, lengths, size class). */
    public static final int BAD_DESCRIPTOR = 3;
    /** The destination endpoint does not exist, was closed, or its key does not match. */
    public static final int BAD_DESTINATION = 4;
    /** The peer's VM died or closed the endpoint while the operation was pending. */
    public static final int PEER_GONE = 5;
    /** A rendezvous handle is unknown or not addressed to this endpoint. */
    public static final int BAD_HANDLE = 6;
    /** The guest wrote impossible ring indices; the endpoint is faulted. */
    public static final int RING_CORRUPT = 7;
    /** The pulling receiver asked for fewer bytes than the message had. */
    public static final int TRUNCATED = 8;

    private Status()
    {
    }

    /**
     * @param status a code.
     * @return its name.
     */
    public static String name(final int status)
    {
        return switch (status)
        {
            case OK -> "OK";
            case BAD_WINDOW -> "BAD_WINDOW";
            case OUT_OF_RANGE -> "OUT_OF_RANGE";
            case BAD_DESCRIPTOR -> "BAD_DESCRIPTOR";
            case BAD_DESTINATION -> "BAD_DESTINATION";
            case PEER_GONE -> "PEER_GONE";
            case BAD_HANDLE -> "BAD_HANDLE";
            case RING_CORRUPT -> "RING_CORRUPT";
            case TRUNCATED -> "TRUNCATED";
            default -> "STATUS_" + status;
        };
    }
}
