package io.myrmidon.vnic.layout;

/**
 * One entry of an endpoint's event queue, written by the NIC and read by the guest.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |             TYPE              |            STATUS             |  0
 *  |      COOKIE (64): the descriptor's cookie, or RENDEZVOUS handle |  8
 *  |                      MATCH_INFO (64)                          |  16
 *  |        SOURCE_ENDPOINT        |          SOURCE_NIC           |  24
 *  |            LENGTH             |          EAGER_SLOT           |  32
 *  |       EAGER_SLOT_COUNT        |          SOURCE_VM            |  40
 *  |                           reserved                            |  48..63
 *  +---------------------------------------------------------------+
 *  |               INLINE data of a tiny message (64 bytes)        |  64..127
 *  +---------------------------------------------------------------+
 * </pre>
 * An eager receive's data lies in the endpoint's eager ring at {@code EAGER_SLOT}; after reading it the guest
 * adds {@code EAGER_SLOT_COUNT} (which includes slots skipped at the end of the ring) to
 * {@link EndpointDescriptor#EAGER_RELEASED_OFFSET}, in event order.
 */
public final class EventDescriptor
{
    /** Bytes per event. */
    public static final int LENGTH = 128;

    /** Offset of the event type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the status. */
    public static final int STATUS_OFFSET = 4;
    /** Offset of the cookie or rendezvous handle. */
    public static final int COOKIE_OFFSET = 8;
    /** Offset of the match information. */
    public static final int MATCH_INFO_OFFSET = 16;
    /** Offset of the sender's endpoint id. */
    public static final int SOURCE_ENDPOINT_OFFSET = 24;
    /** Offset of the sender's NIC id. */
    public static final int SOURCE_NIC_OFFSET = 28;
    /** Offset of the message length. */
    public static final int LENGTH_OFFSET = 32;
    /** Offset of the first eager slot. */
    public static final int EAGER_SLOT_OFFSET = 36;
    /** Offset of the number of eager slots to release. */
    public static final int EAGER_SLOT_COUNT_OFFSET = 40;
    /** Offset of the sender's VM id. */
    public static final int SOURCE_VM_OFFSET = 44;
    /** Offset of inline tiny data. */
    public static final int INLINE_OFFSET = 64;

    /** A send descriptor finished (successfully or not: see status); cookie is the descriptor's. */
    public static final int TYPE_SEND_COMPLETE = 1;
    /** A tiny message arrived; data inline. */
    public static final int TYPE_RECEIVE_TINY = 2;
    /** A small or medium message arrived; data in the eager ring. */
    public static final int TYPE_RECEIVE_EAGER = 3;
    /** A large message is announced; cookie is the rendezvous handle to pull with. */
    public static final int TYPE_RECEIVE_RENDEZVOUS = 4;
    /** A pull finished; cookie is the pull descriptor's. */
    public static final int TYPE_PULL_COMPLETE = 5;
    /** The endpoint's rings were found corrupt; the NIC stopped serving it. Close and reopen. */
    public static final int TYPE_ENDPOINT_FAULT = 6;

    private EventDescriptor()
    {
    }
}
