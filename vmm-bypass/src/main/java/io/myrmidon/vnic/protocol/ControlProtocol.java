package io.myrmidon.vnic.protocol;

/**
 * The control channel between a guest (or a native host process, or an admin tool) and the VMM: one
 * {@code SOCK_SEQPACKET} message per request and per response, little endian, descriptors passed with
 * {@code SCM_RIGHTS}. The first request on a connection must be {@link #ATTACH} or {@link #ADMIN}.
 * <pre>
 *  request                                         response
 *  +----------------+----------------+             +----------------+----------------+
 *  |     OPCODE     |    reserved    |  0          | OPCODE|RESPONSE |  ERROR_CODE    |  0
 *  |         CORRELATION_ID (64)     |  8          |         CORRELATION_ID (64)     |  8
 *  |   arguments (see each opcode)   |  16         |   results, or for an error:     |  16
 *  +---------------------------------+             |   MESSAGE_LENGTH | UTF-8 text   |
 *                                                  +---------------------------------+
 * </pre>
 * Arguments and results (offsets from 16, "fd" = passed descriptor):
 * <ul>
 * <li>ATTACH: memoryBytes(long) kind(int: 0 guest, 1 native; native passes its own sealed memfd) -&gt;
 *     vm(int) nic(int) memoryBytes(long); fds: [guest memory (guest kind only), NIC doorbell eventfd]</li>
 * <li>OPEN_ENDPOINT: mode(int) -&gt; endpoint(int) key(int); fd: endpoint pages</li>
 * <li>CLOSE_ENDPOINT: endpoint(int)</li>
 * <li>REGISTER_WINDOW: offset(long) length(long) rights(int) -&gt; key(int)</li>
 * <li>DEREGISTER_WINDOW: key(int)</li>
 * <li>RESOLVE: nic(int) endpoint(int) -&gt; key(int)</li>
 * <li>POST (mediated mode): endpoint(int) pad(int) descriptor(128 bytes) -&gt; nothing</li>
 * <li>SET_WEIGHT, SET_QUOTA (admin only): vm(int) value(int)</li>
 * <li>STATS: -&gt; vm(int) pad(int) the VM's counters record (128 bytes)</li>
 * <li>DETACH: -&gt; nothing; the VMM then closes the connection</li>
 * </ul>
 */
public final class ControlProtocol
{
    /** Attach a VM (or a native host process). */
    public static final int ATTACH = 1;
    /** Open an endpoint. */
    public static final int OPEN_ENDPOINT = 2;
    /** Close an endpoint. */
    public static final int CLOSE_ENDPOINT = 3;
    /** Register a memory window. */
    public static final int REGISTER_WINDOW = 4;
    /** Deregister a memory window. */
    public static final int DEREGISTER_WINDOW = 5;
    /** Resolve a peer's endpoint key. */
    public static final int RESOLVE = 6;
    /** Post a send descriptor through the VMM (mediated mode). */
    public static final int POST = 7;
    /** Set a VM's arbitration weight (admin). */
    public static final int SET_WEIGHT = 8;
    /** Set a VM's endpoint quota (admin). */
    public static final int SET_QUOTA = 9;
    /** Read the caller's counters. */
    public static final int STATS = 10;
    /** Detach. */
    public static final int DETACH = 11;
    /** Declare this connection an administrator's (host tools). */
    public static final int ADMIN = 12;

    /** Bit set in the opcode of a response. */
    public static final int RESPONSE = 0x100;

    /** Offset of the opcode. */
    public static final int OPCODE_OFFSET = 0;
    /** Offset of the error code in a response. */
    public static final int ERROR_CODE_OFFSET = 4;
    /** Offset of the correlation id. */
    public static final int CORRELATION_ID_OFFSET = 8;
    /** Offset of the first argument or result. */
    public static final int BODY_OFFSET = 16;

    /** Attach kind: a VM whose memory the VMM creates. */
    public static final int KIND_GUEST = 0;
    /** Attach kind: a native host process that brings its own memory. */
    public static final int KIND_NATIVE = 1;

    /** Success. */
    public static final int OK = 0;
    /** Malformed or unknown request. */
    public static final int BAD_REQUEST = 1;
    /** First attach (or admin), then other operations. */
    public static final int NOT_ATTACHED = 2;
    /** Endpoint quota exhausted. */
    public static final int QUOTA_EXCEEDED = 3;
    /** A range outside the VM's own memory. */
    public static final int OUT_OF_RANGE = 4;
    /** Not the caller's endpoint or window, or an admin operation from a guest. */
    public static final int FORBIDDEN = 5;
    /** No such endpoint, window, or VM. */
    public static final int NOT_FOUND = 6;
    /** Mediated post: the send ring is full, try again after completions. */
    public static final int BACK_PRESSURE = 7;
    /** NIC tables or VM slots are full. */
    public static final int EXHAUSTED = 8;
    /** Unexpected failure in the VMM. */
    public static final int INTERNAL = 9;

    private ControlProtocol()
    {
    }

    /**
     * @param code an error code.
     * @return its name.
     */
    public static String errorName(final int code)
    {
        return switch (code)
        {
            case OK -> "OK";
            case BAD_REQUEST -> "BAD_REQUEST";
            case NOT_ATTACHED -> "NOT_ATTACHED";
            case QUOTA_EXCEEDED -> "QUOTA_EXCEEDED";
            case OUT_OF_RANGE -> "OUT_OF_RANGE";
            case FORBIDDEN -> "FORBIDDEN";
            case NOT_FOUND -> "NOT_FOUND";
            case BACK_PRESSURE -> "BACK_PRESSURE";
            case EXHAUSTED -> "EXHAUSTED";
            case INTERNAL -> "INTERNAL";
            default -> "ERROR_" + code;
        };
    }
}
